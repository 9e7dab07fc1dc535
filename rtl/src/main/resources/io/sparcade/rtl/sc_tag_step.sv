// Sparcade: one stage of the tag line along the bottom row of a stationary array: a register that passes a
// step's tag {last, first, valid, address, stride, valid columns} from column c to column c+1 and advances its
// C address by the stride (1 along a C row for WS, a C row for IS), so each column writes its own output.
module sc_tag_step #(
    parameter int AWC = 10,
    parameter int TAGW = 3 + 10 + 32
) (
    input  logic            clk,
    input  logic            rst,
    input  logic [TAGW-1:0] d,
    output logic [TAGW-1:0] q
);
  always_ff @(posedge clk) begin
    if (rst) begin
      q <= '0;
    end else begin
      q <= d;
      q[32 +: AWC] <= d[32 +: AWC] + AWC'(d[16 +: 16]);
    end
  end
endmodule
