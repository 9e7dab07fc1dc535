/**
 * JMH benchmarks (not part of {@code mvn test}): design points per second on the default sweep and operator
 * evaluations per second. Build with {@code mvn -pl benchmarks -am -DskipTests package}, run with
 * {@code java -jar benchmarks/target/benchmarks.jar}.
 */
package io.sparcade.benchmarks;
