// Sparcade: one on-chip buffer of a layer engine, DEPTH words of WIDTH bits, as a behavioural memory with NR
// asynchronous read ports and NW write ports; a write port either stores its word or adds it to the stored
// one (read-modify-write: the accumulator buffer). Ports are ideal banks: the engines never let two write
// ports address one word in a cycle, and never read a word in the cycle it is written (the halves of a
// double buffer), so the clocked writes may be blocking (a loop of non-blocking writes to a large array is
// what Verilator cannot build).
module sc_mem #(
    parameter int WIDTH = 8,
    parameter int DEPTH = 16,
    parameter int NR = 1,
    parameter int NW = 1,
    parameter int AW = 4
) (
    input  logic                clk,
    input  logic [NR*AW-1:0]    raddr,
    output logic [NR*WIDTH-1:0] rdata,
    input  logic [NW-1:0]       we,
    input  logic [NW-1:0]       wadd,
    input  logic [NW*AW-1:0]    waddr,
    input  logic [NW*WIDTH-1:0] wdata
);
  logic [WIDTH-1:0] mem [DEPTH];
  for (genvar i = 0; i < NR; i++) begin : g_rd
    logic [AW-1:0] a;
    assign a = raddr[i*AW +: AW];
    assign rdata[i*WIDTH +: WIDTH] = (32'(a) < DEPTH) ? mem[a] : '0;
  end
  /* verilator lint_off BLKSEQ */
  always_ff @(posedge clk) begin
    for (int i = 0; i < NW; i++) begin
      if (we[i] && 32'(waddr[i*AW +: AW]) < DEPTH) begin
        mem[waddr[i*AW +: AW]] = (wadd[i] ? mem[waddr[i*AW +: AW]] : '0) + wdata[i*WIDTH +: WIDTH];
      end
    end
  end
  /* verilator lint_on BLKSEQ */
endmodule
