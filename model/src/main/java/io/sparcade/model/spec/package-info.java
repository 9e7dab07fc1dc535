/**
 * Reading specs: YAML files and presets (with {@code --set} overrides applied to the tree before binding),
 * SCALE-Sim's topology CSV and .cfg; every error is one line naming the source, the field and the problem.
 */
package io.sparcade.model.spec;
