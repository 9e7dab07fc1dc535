/** The Java entry point to the whole flow ({@link io.sparcade.app.Sparcade}). */
package io.sparcade.app;
