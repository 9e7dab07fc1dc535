// Sparcade: a DEPTH-stage register delay line (DEPTH >= 1), reset to zero.
module sc_delay #(
    parameter int WIDTH = 1,
    parameter int DEPTH = 1
) (
    input  logic             clk,
    input  logic             rst,
    input  logic [WIDTH-1:0] d,
    output logic [WIDTH-1:0] q
);
  if (DEPTH == 1) begin : g_one
    logic [WIDTH-1:0] r;
    always_ff @(posedge clk) begin
      if (rst) r <= '0;
      else r <= d;
    end
    assign q = r;
  end else begin : g_many
    logic [DEPTH*WIDTH-1:0] r;
    always_ff @(posedge clk) begin
      if (rst) r[0 +: WIDTH] <= '0;
      else r[0 +: WIDTH] <= d;
    end
    for (genvar i = 1; i < DEPTH; i++) begin : g_stage
      always_ff @(posedge clk) begin
        if (rst) r[i*WIDTH +: WIDTH] <= '0;
        else r[i*WIDTH +: WIDTH] <= r[(i-1)*WIDTH +: WIDTH];
      end
    end
    assign q = r[(DEPTH-1)*WIDTH +: WIDTH];
  end
endmodule
