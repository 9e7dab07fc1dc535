/** Mapping descriptions: operator → unit, tile sizes and loop order, chosen by a user or a search. */
package io.sparcade.model.mapping;
