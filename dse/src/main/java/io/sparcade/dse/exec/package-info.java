/**
 * Where design points run: {@link io.sparcade.dse.exec.SweepExecutor} with a local thread pool (default) and an
 * embedded Hazelcast cluster ({@link io.sparcade.dse.exec.ClusterMembers}, TCP-IP join, multicast off, cluster
 * name derived from the shared {@link io.sparcade.dse.exec.ClusterToken}). Both draw points lazily and hold only
 * those in flight.
 */
package io.sparcade.dse.exec;
