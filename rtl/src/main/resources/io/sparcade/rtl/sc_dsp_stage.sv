// Sparcade: one MAC stage (one DSP48) of the sparse DSP chain: an M:1 sparse multiplexer picks the activation
// named by the weight's index (two activations sharing the weight when PACK = 1, packed as hi*2^17 + lo into
// the 25-bit A port), then P = (brk ? 0 : pcin) + w * a, registered: the fixed cascade inside a DSP group,
// and a reduction node (brk) where a segment starts.
module sc_dsp_stage #(
    parameter int W = 8,
    parameter int M = 4,
    parameter int PACK = 0,
    parameter int PW = 48
) (
    input  logic                   clk,
    input  logic                   rst,
    input  logic                   brk,
    input  logic [W+$clog2(M)-1:0] wgt,
    input  logic [M*W-1:0]         act_lo,
    input  logic [M*W-1:0]         act_hi,
    input  logic signed [PW-1:0]   pcin,
    output logic signed [PW-1:0]   pout
);
  localparam int IB = $clog2(M);
  localparam int AW = PACK != 0 ? 25 : W;

  logic signed [W-1:0]  w;
  logic [IB-1:0]        idx;
  logic signed [W-1:0]  lo;
  logic signed [W-1:0]  hi;
  logic signed [AW-1:0] a;
  logic signed [AW+W-1:0] prod;

  assign w = wgt[W-1:0];
  assign idx = wgt[W+IB-1:W];
  assign lo = act_lo[idx*W +: W];
  assign hi = act_hi[idx*W +: W];

  generate
    if (PACK != 0) begin : g_pack
      assign a = (AW'(hi) <<< 17) + AW'(lo);
    end else begin : g_plain
      assign a = lo;
      logic unused_hi;
      assign unused_hi = ^hi;
    end
  endgenerate

  assign prod = w * a;

  always_ff @(posedge clk) begin
    if (rst) pout <= '0;
    else pout <= (brk ? PW'(0) : pcin) + PW'(prod);
  end
endmodule
