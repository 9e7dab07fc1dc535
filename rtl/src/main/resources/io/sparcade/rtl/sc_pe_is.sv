// Sparcade: input-stationary PE: the one N:M MAC (sc_nm_mac) with the M activations of its group held in a
// register loaded by shifting down the column (ld), the weight {index, value} passing right and the partial
// sum passing down, one register each.
module sc_pe_is #(
    parameter int W = 8,
    parameter int M = 4,
    parameter int ACCW = 32
) (
    input  logic                                   clk,
    input  logic                                   rst,
    input  logic                                   ld,
    input  logic [M*W-1:0]                         act_in,
    output logic [M*W-1:0]                         act_out,
    input  logic [W+(M > 1 ? $clog2(M) : 0)-1:0]   wgt_in,
    output logic [W+(M > 1 ? $clog2(M) : 0)-1:0]   wgt_out,
    input  logic signed [ACCW-1:0]                 ps_in,
    output logic signed [ACCW-1:0]                 ps_out
);
  logic [M*W-1:0] areg;
  logic signed [ACCW-1:0] prod;
  sc_nm_mac #(.W(W), .M(M), .ACCW(ACCW)) u_mac (.acts(areg), .wgt(wgt_in), .prod(prod));
  assign act_out = areg;
  always_ff @(posedge clk) begin
    if (rst) begin
      areg <= '0;
      wgt_out <= '0;
      ps_out <= '0;
    end else begin
      if (ld) areg <= act_in;
      wgt_out <= wgt_in;
      ps_out <= ps_in + prod;
    end
  end
endmodule
