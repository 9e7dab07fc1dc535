// Sparcade: one stage (one DSP48E2) of a FlightLLM-style configurable sparse DSP chain in a layer engine. An
// M:1 sparse multiplexer picks the activation named by the weight's index; with INT8 packing the two rows
// sharing the weight enter the 27-bit pre-adder port as hi*2^18 + lo (hi is zero when unpacked); then
// P = (brk ? 0 : pcin) + w * a, registered: the cascade, broken where a segment (or, packed, a group) starts.
module sc_csd_stage #(
    parameter int W = 8,
    parameter int M = 16,
    parameter int PW = 48
) (
    input  logic                                  clk,
    input  logic                                  rst,
    input  logic                                  brk,
    input  logic [W+(M > 1 ? $clog2(M) : 0)-1:0]  wgt,
    input  logic [M*W-1:0]                        act_lo,
    input  logic [M*W-1:0]                        act_hi,
    input  logic signed [PW-1:0]                  pcin,
    output logic signed [PW-1:0]                  pout
);
  logic signed [W-1:0]    w;
  logic signed [W-1:0]    lo;
  logic signed [W-1:0]    hi;
  logic signed [26:0]     a;
  logic signed [W+26:0]   prod;
  assign w = wgt[W-1:0];
  if (M > 1) begin : g_mux
    logic [$clog2(M)-1:0] idx;
    assign idx = wgt[W +: $clog2(M)];
    assign lo = act_lo[idx*W +: W];
    assign hi = act_hi[idx*W +: W];
  end else begin : g_plain
    assign lo = act_lo;
    assign hi = act_hi;
  end
  assign a = (27'(hi) <<< 18) + 27'(lo);
  assign prod = w * a;
  always_ff @(posedge clk) begin
    if (rst) pout <= '0;
    else pout <= (brk ? PW'(0) : pcin) + PW'(prod);
  end
endmodule
