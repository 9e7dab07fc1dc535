/**
 * Workload descriptions: operators (GEMM, conv2d, matmul, softmax, norm, elementwise, top-k) wired by tensor
 * names, and the sparsity overlay (N:M weights, keep-ratios) kept apart from the dense description.
 */
package io.sparcade.model.workload;
