// Sparcade: the testbench's off-chip memory (simulation only, not part of an engine). WORDS element words
// (one element per word, however many bits it holds) loaded from +dram=<file.hex>; +bnum=, +bden= and +lat=
// override the bandwidth and latency parameters at run time. Requests are 2-D blocks:
// rows x cols elements, rows stride apart, each element counted at req_bits bits. A request is registered
// (req_valid && req_ready, at most Q outstanding) and served in order on one data channel. A transfer of E
// elements moves bytes = ceil(E*bits/8) and occupies the channel for n = ceil(bytes*BDEN/BNUM) cycles (the
// memory's effective bandwidth is BNUM/BDEN bytes per cycle); in its c-th cycle it moves
// floor((c+1)E/n) - floor(cE/n) elements (grant). A read may start LAT cycles after the cycle that follows
// its acceptance (the DRAM latency); a write (posted) right after it. rd_bytes and wr_bytes count what moved.
// On dump the written region [+clo, +chi] goes to +cout=<file> (the elements) and +craw=<file> (the
// unrounded values the engine sent beside them, for the bit-exact check of accumulators).
module sc_dram_model #(
    parameter int LANES = 8,
    parameter int WORDS = 1024,
    parameter int AW = 10,
    parameter int Q = 4,
    parameter longint BNUM = 1,
    parameter longint BDEN = 1,
    parameter int LAT = 0
) (
    input  logic                  clk,
    input  logic                  rst,
    input  logic                  req_valid,
    output logic                  req_ready,
    input  logic                  req_write,
    input  logic [31:0]           req_addr,
    input  logic [31:0]           req_rows,
    input  logic [31:0]           req_cols,
    input  logic [31:0]           req_stride,
    input  logic [7:0]            req_bits,
    output logic [31:0]           grant,
    output logic [LANES*32-1:0]   rd_data,
    input  logic [LANES*32-1:0]   wr_data,
    input  logic [LANES*32-1:0]   wr_raw,
    input  logic                  dump,
    output logic [63:0]           rd_bytes,
    output logic [63:0]           wr_bytes
);
  logic [31:0] mem [WORDS];
  logic [31:0] shadow [WORDS];

  reg [8*1024-1:0] fname;
  longint bnum;
  longint bden;
  longint lat;
  initial begin
    bnum = BNUM;
    bden = BDEN;
    lat = LAT;
    if ($value$plusargs("dram=%s", fname)) $readmemh(fname, mem);
    if (!$value$plusargs("bnum=%d", bnum)) bnum = BNUM;
    if (!$value$plusargs("bden=%d", bden)) bden = BDEN;
    if (!$value$plusargs("lat=%d", lat)) lat = LAT;
  end

  logic        q_write  [Q];
  logic [31:0] q_addr   [Q];
  logic [31:0] q_cols   [Q];
  logic [31:0] q_stride [Q];
  logic [63:0] q_elems  [Q];
  logic [63:0] q_bytes  [Q];
  logic [63:0] q_ncyc   [Q];
  logic [63:0] q_start  [Q];
  logic [$clog2(Q+1)-1:0] count;
  logic [$clog2(Q)-1:0]   hd;
  logic [$clog2(Q)-1:0]   tl;
  logic [63:0] now;
  logic [63:0] c;   // cycles the head transfer has run
  logic [63:0] e;   // elements the head transfer has moved
  logic        run;

  assign req_ready = 32'(count) < Q;

  // Element e + j of the head transfer is at word lane_addr[j] (adds only, no division).
  logic [63:0] e_addr;
  logic [31:0] e_col;
  logic [63:0] lane_addr [LANES+1];
  logic [31:0] lane_col [LANES+1];
  always_comb begin
    lane_addr[0] = e == 0 ? 64'(q_addr[hd]) : e_addr;
    lane_col[0] = e == 0 ? 32'd0 : e_col;
    for (int j = 1; j <= LANES; j++) begin
      if (lane_col[j-1] + 1 == q_cols[hd]) begin
        lane_addr[j] = lane_addr[j-1] + 64'(q_stride[hd]) - 64'(q_cols[hd]) + 1;
        lane_col[j] = '0;
      end else begin
        lane_addr[j] = lane_addr[j-1] + 1;
        lane_col[j] = lane_col[j-1] + 1;
      end
    end
  end

  assign run = count != 0 && now >= q_start[hd];
  assign grant = run ? 32'(((c + 1) * q_elems[hd]) / q_ncyc[hd] - (c * q_elems[hd]) / q_ncyc[hd]) : '0;

  always_comb begin
    rd_data = '0;
    for (int j = 0; j < LANES; j++) begin
      if (run && !q_write[hd] && 32'(j) < grant) begin
        rd_data[j*32 +: 32] = mem[AW'(lane_addr[j])];
      end
    end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      count <= '0;
      hd <= '0;
      tl <= '0;
      now <= '0;
      c <= '0;
      e <= '0;
      rd_bytes <= '0;
      wr_bytes <= '0;
    end else begin
      logic [63:0] el;
      logic [63:0] by;
      now <= now + 1;
      if (grant > 32'(LANES)) begin
        $display("DRAM-ERROR grant %0d exceeds %0d lanes", grant, LANES);
        $finish;
      end
      if (run) begin
        if (q_write[hd]) begin
          // blocking: nothing reads a word the store writes in this cycle (a loop of non-blocking writes to a
          // large array is what Verilator cannot build)
          for (int j = 0; j < LANES; j++) begin
            if (32'(j) < grant) begin
              mem[AW'(lane_addr[j])] = wr_data[j*32 +: 32];
              shadow[AW'(lane_addr[j])] = wr_raw[j*32 +: 32];
            end
          end
        end
        if (c + 1 == q_ncyc[hd]) begin
          if (q_write[hd]) wr_bytes <= wr_bytes + q_bytes[hd];
          else rd_bytes <= rd_bytes + q_bytes[hd];
          c <= '0;
          e <= '0;
          hd <= hd + 1'b1;
        end else begin
          c <= c + 1;
          e <= e + 64'(grant);
          e_addr <= lane_addr[grant];
          e_col <= lane_col[grant];
        end
      end
      if (req_valid && req_ready) begin
        el = 64'(req_rows) * 64'(req_cols);
        by = (el * 64'(req_bits) + 7) / 8;
        q_write[tl] <= req_write;
        q_addr[tl] <= req_addr;
        q_cols[tl] <= req_cols;
        q_stride[tl] <= req_stride;
        q_elems[tl] <= el;
        q_bytes[tl] <= by;
        q_ncyc[tl] <= by == 0 ? 64'd1 : (by * 64'(bden) + 64'(bnum) - 1) / 64'(bnum);
        q_start[tl] <= now + 1 + (req_write ? 64'd0 : 64'(lat));
        tl <= tl + 1'b1;
      end
      count <= count + ((req_valid && req_ready) ? 1'b1 : 1'b0) - ((run && c + 1 == q_ncyc[hd]) ? 1'b1 : 1'b0);
    end
  end

  reg [8*1024-1:0] cout;
  reg [8*1024-1:0] craw;
  integer clo;
  integer chi;
  always @(posedge clk) begin
    if (dump) begin
      if ($value$plusargs("cout=%s", cout) && $value$plusargs("craw=%s", craw) && $value$plusargs("clo=%d", clo)
          && $value$plusargs("chi=%d", chi)) begin
        $writememh(cout, mem, clo, chi);
        $writememh(craw, shadow, clo, chi);
      end
    end
  end
endmodule
