// Sparcade: one on-chip buffer of a layer engine, DEPTH words of WIDTH bits, as a behavioural memory with NR
// asynchronous read ports and NW write ports; a write port either stores its word or adds it to the stored
// one (read-modify-write: the accumulator buffer). Ports are ideal banks: the engines never let two write
// ports address one word in a cycle, and never read a word in the cycle it is written (the halves of a
// double buffer), so the clocked writes may be blocking (a loop of non-blocking writes to a large array is
// what Verilator cannot build). In simulation (not under SYNTHESIS) the memory with ID i loads +mem<i>=<hex>
// at time 0 (operands a fused producer left on chip) and writes words +mem<i>lo= .. +mem<i>hi= to +mem<i>out=
// at the end (results a fused consumer would read on chip); IDs 0..2 are the A, B and C buffers, others have
// neither.
module sc_mem #(
    parameter int WIDTH = 8,
    parameter int DEPTH = 16,
    parameter int NR = 1,
    parameter int NW = 1,
    parameter int AW = 4,
    parameter int ID = 0
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

`ifndef SYNTHESIS
  reg [8*1024-1:0] init_file;
  reg [8*1024-1:0] out_file;
  integer out_lo;
  integer out_hi;
  logic init_given;
  logic out_given;
  initial begin
    case (ID)
      0: begin
        init_given = $value$plusargs("mem0=%s", init_file);
        out_given = $value$plusargs("mem0out=%s", out_file) && $value$plusargs("mem0lo=%d", out_lo)
            && $value$plusargs("mem0hi=%d", out_hi);
      end
      1: begin
        init_given = $value$plusargs("mem1=%s", init_file);
        out_given = $value$plusargs("mem1out=%s", out_file) && $value$plusargs("mem1lo=%d", out_lo)
            && $value$plusargs("mem1hi=%d", out_hi);
      end
      2: begin
        init_given = $value$plusargs("mem2=%s", init_file);
        out_given = $value$plusargs("mem2out=%s", out_file) && $value$plusargs("mem2lo=%d", out_lo)
            && $value$plusargs("mem2hi=%d", out_hi);
      end
      default: begin
        init_given = 1'b0;
        out_given = 1'b0;
      end
    endcase
    if (init_given) $readmemh(init_file, mem);
  end
  final begin
    if (out_given) $writememh(out_file, mem, out_lo, out_hi);
  end
`endif
endmodule
