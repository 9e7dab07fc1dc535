// Sparcade: the multiply of the one N:M PE every array in Sparcade is built from (RTL, block model, cycle
// model and resource estimate follow it). One signed W x W multiplier; its activation comes through an M:1
// multiplexer driven by the log2(M)-bit index stored with the weight, so a PE that holds (or is sent) one of
// the N nonzero weights of a group of M picks the matching activation from the group's M activations.
// Dense mode sends index 0 with the row's own activation on lane 0. M = 1 (a dense-only array) has no
// multiplexer and no index bits. The product is 2W bits, sign-extended into the ACCW-bit partial sums.
module sc_nm_mac #(
    parameter int W = 8,
    parameter int M = 4,
    parameter int ACCW = 32
) (
    input  logic [M*W-1:0]                                  acts,
    input  logic [W+(M > 1 ? $clog2(M) : 0)-1:0]            wgt,
    output logic signed [ACCW-1:0]                          prod
);
  logic signed [W-1:0]   wv;
  logic signed [W-1:0]   av;
  logic signed [2*W-1:0] p;
  assign wv = wgt[W-1:0];
  if (M > 1) begin : g_mux
    logic [$clog2(M)-1:0] idx;
    assign idx = wgt[W +: $clog2(M)];
    assign av = acts[idx*W +: W];
  end else begin : g_plain
    assign av = acts;
  end
  assign p = wv * av;
  assign prod = ACCW'(p);
endmodule
