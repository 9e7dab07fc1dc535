// Sparcade: weight-stationary PE: the one N:M MAC (sc_nm_mac) with its weight {index, value} held in a
// register loaded by shifting down the column (ld), the M-lane activation bus passing right and the partial
// sum passing down, one register each.
module sc_pe_ws #(
    parameter int W = 8,
    parameter int M = 4,
    parameter int ACCW = 32
) (
    input  logic                                   clk,
    input  logic                                   rst,
    input  logic                                   ld,
    input  logic [W+(M > 1 ? $clog2(M) : 0)-1:0]   wgt_in,
    output logic [W+(M > 1 ? $clog2(M) : 0)-1:0]   wgt_out,
    input  logic [M*W-1:0]                         act_in,
    output logic [M*W-1:0]                         act_out,
    input  logic signed [ACCW-1:0]                 ps_in,
    output logic signed [ACCW-1:0]                 ps_out
);
  localparam int EW = W + (M > 1 ? $clog2(M) : 0);
  logic [EW-1:0] wreg;
  logic signed [ACCW-1:0] prod;
  sc_nm_mac #(.W(W), .M(M), .ACCW(ACCW)) u_mac (.acts(act_in), .wgt(wreg), .prod(prod));
  assign wgt_out = wreg;
  always_ff @(posedge clk) begin
    if (rst) begin
      wreg <= '0;
      act_out <= '0;
      ps_out <= '0;
    end else begin
      if (ld) wreg <= wgt_in;
      act_out <= act_in;
      ps_out <= ps_in + prod;
    end
  end
endmodule
