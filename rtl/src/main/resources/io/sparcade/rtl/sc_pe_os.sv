// Sparcade: output-stationary PE: the one N:M MAC (sc_nm_mac) accumulating in place. The M-lane activation
// bus passes right with the step's flags (valid, first, last); the weight {index, value} passes down. On the
// step flagged last the finished sum moves to the result register, which the drain reads while the next fold
// accumulates.
module sc_pe_os #(
    parameter int W = 8,
    parameter int M = 4,
    parameter int ACCW = 32
) (
    input  logic                                   clk,
    input  logic                                   rst,
    input  logic [2:0]                             flg_in,
    output logic [2:0]                             flg_out,
    input  logic [M*W-1:0]                         act_in,
    output logic [M*W-1:0]                         act_out,
    input  logic [W+(M > 1 ? $clog2(M) : 0)-1:0]   wgt_in,
    output logic [W+(M > 1 ? $clog2(M) : 0)-1:0]   wgt_out,
    output logic signed [ACCW-1:0]                 res
);
  // flg: {last, first, valid}
  logic signed [ACCW-1:0] acc;
  logic signed [ACCW-1:0] prod;
  logic signed [ACCW-1:0] sum;
  sc_nm_mac #(.W(W), .M(M), .ACCW(ACCW)) u_mac (.acts(act_in), .wgt(wgt_in), .prod(prod));
  assign sum = (flg_in[1] ? '0 : acc) + prod;
  always_ff @(posedge clk) begin
    if (rst) begin
      acc <= '0;
      res <= '0;
      flg_out <= '0;
      act_out <= '0;
      wgt_out <= '0;
    end else begin
      flg_out <= flg_in;
      act_out <= act_in;
      wgt_out <= wgt_in;
      if (flg_in[0]) acc <= sum;
      if (flg_in[0] && flg_in[2]) res <= sum;
    end
  end
endmodule
