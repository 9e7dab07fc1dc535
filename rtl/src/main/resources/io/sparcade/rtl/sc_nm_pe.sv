// Sparcade: one output-stationary PE of the N:M sparse array. N multipliers; multiplier j holds weight j of
// the current step with its log2(M)-bit index and picks its activation from the M-wide activation bus through
// an M:1 multiplexer (dense mode: the feeder sends index j, so the same multipliers take N activations).
// Activations (with valid/last) pass right, weights pass down, one register each.
module sc_nm_pe #(
    parameter int W = 8,
    parameter int N = 2,
    parameter int M = 4,
    parameter int ACCW = 20
) (
    input  logic                             clk,
    input  logic                             rst,
    input  logic                             clear,
    input  logic                             in_valid,
    input  logic                             in_last,
    input  logic [M*W-1:0]                   in_act,
    input  logic [N*(W+$clog2(M))-1:0]       in_wgt,
    output logic                             out_valid,
    output logic                             out_last,
    output logic [M*W-1:0]                   out_act,
    output logic [N*(W+$clog2(M))-1:0]       out_wgt,
    output logic signed [ACCW-1:0]           acc
);
  localparam int IB = $clog2(M);
  localparam int EW = W + IB;

  logic signed [ACCW-1:0] sum;
  always @* begin
    sum = '0;
    for (int j = 0; j < N; j++) begin
      logic [EW-1:0] e;
      logic [IB-1:0] idx;
      logic signed [W-1:0] wv;
      logic signed [W-1:0] av;
      logic signed [2*W-1:0] prod;
      e = in_wgt[j*EW +: EW];
      wv = e[W-1:0];
      idx = e[EW-1:W];
      av = in_act[idx*W +: W];
      prod = wv * av;
      sum = sum + ACCW'(prod);
    end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      acc <= '0;
      out_valid <= 1'b0;
      out_last <= 1'b0;
      out_act <= '0;
      out_wgt <= '0;
    end else begin
      out_valid <= in_valid;
      out_last <= in_last;
      out_act <= in_act;
      out_wgt <= in_wgt;
      if (clear) acc <= '0;
      else if (in_valid) acc <= acc + sum;
    end
  end
endmodule
