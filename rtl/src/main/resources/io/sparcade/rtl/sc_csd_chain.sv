// Sparcade: one chain of a DSP-chain layer engine: L = 2G sc_csd_stage DSPs in cascade, in G groups of two,
// with a reduction node at the end of every group. Unpacked, the cascade runs through a whole segment (broken
// where the next starts) and the node only taps it. Packed (two rows per DSP), the cascade is broken at every
// group so a group's sum of two packed products splits exactly into its two rows' parts (|low part| <= 2^15
// < 2^17); the nodes add those parts group by group along the segment (FlightLLM's overflow adjust), one
// register per group. Every node is a possible segment end: there, the segment's sum for its work item (the
// item issued 2g+2 cycles earlier, described by the tap_* inputs) is added to the segment's accumulator, which
// starts at the item's first pass; after its last pass the accumulator is written (or added, after the first
// k tile) to the C buffer at column c*S + s of the item's column block (cs_in = c*S, passed on plus S to the
// next chain), and the high row's one C row below.
module sc_csd_chain #(
    parameter int G = 4,
    parameter int M = 16,
    parameter int W = 8,
    parameter int AWC = 10,
    parameter int PW = 48
) (
    input  logic                                     clk,
    input  logic                                     rst,
    input  logic [2*G-1:0]                           brk,
    input  logic [2*G*(W+(M > 1 ? $clog2(M) : 0))-1:0] wgt,
    input  logic [2*G*M*W-1:0]                       act_lo,
    input  logic [2*G*M*W-1:0]                       act_hi,
    input  logic [G-1:0]                             nbrk,
    input  logic [G-1:0]                             tap_end,
    input  logic [G*8-1:0]                           tap_s,
    input  logic [G-1:0]                             tap_first,
    input  logic [G-1:0]                             tap_last,
    input  logic [G-1:0]                             tap_fresh,
    input  logic [G-1:0]                             tap_packed,
    input  logic [G-1:0]                             tap_hi,
    input  logic [G*8-1:0]                           tap_segs,
    input  logic [G*32-1:0]                          cs_in,
    input  logic [G*32-1:0]                          tap_addr,
    input  logic [G*32-1:0]                          tap_cols,
    input  logic [G*32-1:0]                          tap_stride,
    output logic [G*32-1:0]                          cs_out,
    output logic [2*G-1:0]                           c_we,
    output logic [2*G-1:0]                           c_wadd,
    output logic [2*G*AWC-1:0]                       c_waddr,
    output logic [2*G*32-1:0]                        c_wdata
);
  localparam int L = 2 * G;
  localparam int EW = W + (M > 1 ? $clog2(M) : 0);

  logic [L*PW-1:0] p;  // stage t's registered sum at p[t*PW +: PW]
  genvar t;  // declared outside the loop: Icarus 11 rejects an inline genvar in these port expressions
  for (t = 0; t < L; t++) begin : g_stage
    sc_csd_stage #(.W(W), .M(M), .PW(PW)) u_dsp (
        .clk(clk), .rst(rst), .brk(brk[t]), .wgt(wgt[t*EW +: EW]), .act_lo(act_lo[t*M*W +: M*W]),
        .act_hi(act_hi[t*M*W +: M*W]), .pcin(t == 0 ? PW'(0) : p[(t == 0 ? 0 : t - 1)*PW +: PW]),
        .pout(p[t*PW +: PW]));
  end

  logic signed [31:0] node_lo [G];
  logic signed [31:0] node_hi [G];
  logic signed [31:0] prev_lo [G];
  logic signed [31:0] prev_hi [G];
  logic signed [PW-1:0] tap_p [G];
  for (genvar g = 0; g < G; g++) begin : g_node
    logic signed [PW-1:0] sum;
    logic signed [PW-1:0] lo;
    logic signed [PW-1:0] hi;
    assign sum = p[(2*g+1)*PW +: PW];
    assign lo = PW'($signed(sum[17:0]));
    assign hi = (sum - lo) >>> 18;
    always_ff @(posedge clk) begin
      if (rst) begin
        node_lo[g] <= '0;
        node_hi[g] <= '0;
        prev_lo[g] <= '0;
        prev_hi[g] <= '0;
        tap_p[g] <= '0;
      end else begin
        node_lo[g] <= (nbrk[g] || g == 0 ? 32'sd0 : prev_lo[g == 0 ? 0 : g - 1]) + 32'(lo);
        node_hi[g] <= (nbrk[g] || g == 0 ? 32'sd0 : prev_hi[g == 0 ? 0 : g - 1]) + 32'(hi);
        prev_lo[g] <= node_lo[g];
        prev_hi[g] <= node_hi[g];
        tap_p[g] <= sum;
      end
    end
  end

  logic signed [31:0] acc_lo [G];
  logic signed [31:0] acc_hi [G];
  // this chain's first column in the item's block is c * S: the previous chain's plus S (adds along the chains)
  for (genvar g = 0; g < G; g++) begin : g_cs
    assign cs_out[g*32 +: 32] = cs_in[g*32 +: 32] + 32'(tap_segs[g*8 +: 8]);
  end
  always_comb begin
    c_we = '0;
    c_wadd = '0;
    c_waddr = '0;
    c_wdata = '0;
    for (int g = 0; g < G; g++) begin
      logic signed [31:0] vlo;
      logic signed [31:0] vhi;
      logic [31:0] col;
      vlo = tap_packed[g] ? node_lo[g] : 32'(tap_p[g]);
      vhi = tap_packed[g] ? node_hi[g] : 32'sd0;
      col = cs_in[g*32 +: 32] + 32'(tap_s[g*8 +: 8]);
      c_we[2*g] = tap_end[g] && tap_last[g] && col < tap_cols[g*32 +: 32];
      c_we[2*g+1] = tap_end[g] && tap_last[g] && tap_packed[g] && tap_hi[g] && col < tap_cols[g*32 +: 32];
      c_wadd[2*g] = !tap_fresh[g];
      c_wadd[2*g+1] = !tap_fresh[g];
      c_waddr[(2*g)*AWC +: AWC] = AWC'(tap_addr[g*32 +: 32] + col);
      c_waddr[(2*g+1)*AWC +: AWC] = AWC'(tap_addr[g*32 +: 32] + col + tap_stride[g*32 +: 32]);
      c_wdata[(2*g)*32 +: 32] = (tap_first[g] ? 32'sd0 : acc_lo[g]) + vlo;
      c_wdata[(2*g+1)*32 +: 32] = (tap_first[g] ? 32'sd0 : acc_hi[g]) + vhi;
    end
  end

  always_ff @(posedge clk) begin
    for (int g = 0; g < G; g++) begin
      if (rst) begin
        acc_lo[g] <= '0;
        acc_hi[g] <= '0;
      end else if (tap_end[g]) begin
        acc_lo[g] <= c_wdata[(2*g)*32 +: 32];
        acc_hi[g] <= c_wdata[(2*g+1)*32 +: 32];
      end
    end
  end
endmodule
