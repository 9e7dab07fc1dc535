/** Memory timing: DRAM/HBM bandwidth and the double-buffered tile pipeline that overlaps transfers with compute. */
package io.sparcade.hwsim.memory;
