/**
 * Where design points run: {@link io.sparcade.dse.exec.SweepExecutor} with a local thread pool (default) and an
 * embedded Hazelcast cluster ({@link io.sparcade.dse.exec.ClusterMembers}, TCP-IP join, multicast off).
 */
package io.sparcade.dse.exec;
