// Sparcade: the compute unit of a top-k layer engine: SpAtten's quick-select over a row of n scores held in
// the A buffer (not a shift register). One compute instruction selects one row: each round picks a pivot
// position from a 16-bit Galois LFSR (state * len >> 16, one cycle; the LFSR restarts at 0xACE1 every row),
// reads the pivot (one cycle), streams the current sequence P elements per cycle through the > pivot and
// < pivot comparators, compacting the two sides with prefix sums into the hi and lo buffers (the sequence is
// the row in the first round, then the side the previous round kept; compaction never overtakes the reads,
// so a side can be rewritten while it is read), then decides (one cycle): recurse into the side that holds
// rank k, or stop when rank k equals the pivot. A final pass over the row (ceil(n/P) cycles) writes the
// indices of the scores above the k-th value and, in index order, of as many equal to it as make exactly k,
// ascending, into the C buffer. Cycles: sum over rounds of (ceil(len/P) + 3), plus ceil(n/P); busy marks them;
// the row retires with its last index written. Instruction words: 3 n, 4 k, 6 row's A base, 11 C base.
module sc_topk_core #(
    parameter int P = 16,
    parameter int W = 12,
    parameter int NMAX = 4096,
    parameter int AWA = 12,
    parameter int AWC = 12,
    parameter int IW = 24
) (
    input  logic                  clk,
    input  logic                  rst,
    input  logic                  cmd_valid,
    input  logic [IW*32-1:0]      cmd,
    output logic                  cmd_accept,
    output logic                  busy,
    output logic                  idle,
    output logic [7:0]            tile_ev,
    output logic [(P+1)*AWA-1:0]  a_raddr,
    input  logic [(P+1)*W-1:0]    a_rdata,
    output logic [P-1:0]          c_we,
    output logic [P-1:0]          c_wadd,
    output logic [P*AWC-1:0]      c_waddr,
    output logic [P*32-1:0]       c_wdata
);
  localparam int NB = $clog2(NMAX + 1);
  localparam int HB = $clog2(NMAX);
  localparam logic [15:0] SEED = 16'hACE1;
  localparam logic [15:0] TAPS = 16'hB400;

  typedef enum logic [2:0] {S_IDLE, S_IDX, S_PIV, S_STR, S_DEC, S_FIN} state_t;
  typedef enum logic [1:0] {SRC_ROW, SRC_HI, SRC_LO} src_t;

  state_t      state;
  src_t        src;
  logic [15:0] lfsr;
  logic [31:0] n, a_base, c_base;
  logic        last_chunk;
  logic [31:0] len, want, cnt_hi, cnt_lo, pos, pidx, need_eq, eq_seen, kept;
  logic [W-1:0] pivot, kv;

  function automatic logic [31:0] cw(input int i);
    cw = cmd[i*32 +: 32];
  endfunction

  // the next row starts right after the last cycle of the final pass
  assign cmd_accept = cmd_valid && (state == S_IDLE || (state == S_FIN && last_chunk));
  assign busy = state != S_IDLE;
  assign idle = state == S_IDLE;

  // hi and lo buffers: P compacting write ports, P + 1 read ports (P lanes and the pivot)
  logic [(P+1)*HB-1:0] s_raddr;
  logic [(P+1)*W-1:0]  hi_rdata;
  logic [(P+1)*W-1:0]  lo_rdata;
  logic [P-1:0]        hi_we;
  logic [P-1:0]        lo_we;
  logic [P*HB-1:0]     hi_waddr;
  logic [P*HB-1:0]     lo_waddr;
  logic [P*W-1:0]      lane_v;
  sc_mem #(.WIDTH(W), .DEPTH(NMAX), .NR(P + 1), .NW(P), .AW(HB), .ID(3)) u_hi (.clk(clk), .raddr(s_raddr), .rdata(hi_rdata),
      .we(hi_we), .wadd('0), .waddr(hi_waddr), .wdata(lane_v));
  sc_mem #(.WIDTH(W), .DEPTH(NMAX), .NR(P + 1), .NW(P), .AW(HB), .ID(3)) u_lo (.clk(clk), .raddr(s_raddr), .rdata(lo_rdata),
      .we(lo_we), .wadd('0), .waddr(lo_waddr), .wdata(lane_v));

  // Read addresses: lane j reads element pos + j of the sequence; port P reads the pivot.
  logic [31:0] limit;
  assign limit = state == S_FIN ? n : len;
  always_comb begin
    for (int j = 0; j < P; j++) begin
      a_raddr[j*AWA +: AWA] = AWA'(a_base + pos + 32'(j));
      s_raddr[j*HB +: HB] = HB'(pos + 32'(j));
    end
    a_raddr[P*AWA +: AWA] = AWA'(a_base + pidx);
    s_raddr[P*HB +: HB] = HB'(pidx);
  end

  logic [W-1:0] pivot_rd;
  assign pivot_rd = src == SRC_HI ? hi_rdata[P*W +: W] : (src == SRC_LO ? lo_rdata[P*W +: W] : a_rdata[P*W +: W]);

  // One chunk of P lanes: comparators and prefix sums (rounds: > / < pivot; final pass: keep).
  logic [31:0] n_gt, n_lt, n_eq, n_keep;
  logic [W-1:0] thr;
  assign thr = state == S_FIN ? kv : pivot;
  assign last_chunk = pos + 32'(P) >= limit;
  always_comb begin
    logic [31:0] gtc, ltc, eqc, kc;
    gtc = '0;
    ltc = '0;
    eqc = '0;
    kc = '0;
    hi_we = '0;
    lo_we = '0;
    hi_waddr = '0;
    lo_waddr = '0;
    c_we = '0;
    c_wadd = '0;
    c_waddr = '0;
    c_wdata = '0;
    for (int j = 0; j < P; j++) begin
      logic         valid;
      logic [W-1:0] v;
      logic         gt, lt, eq, keep;
      valid = pos + 32'(j) < limit;
      v = state == S_FIN || src == SRC_ROW ? a_rdata[j*W +: W]
          : (src == SRC_HI ? hi_rdata[j*W +: W] : lo_rdata[j*W +: W]);
      lane_v[j*W +: W] = v;
      gt = valid && v > thr;
      lt = valid && v < thr;
      eq = valid && v == kv;
      keep = gt || (eq && eq_seen + eqc < need_eq);
      if (state == S_STR) begin
        hi_we[j] = gt;
        lo_we[j] = lt;
        hi_waddr[j*HB +: HB] = HB'(cnt_hi + gtc);
        lo_waddr[j*HB +: HB] = HB'(cnt_lo + ltc);
      end
      if (state == S_FIN) begin
        c_we[j] = keep;
        c_waddr[j*AWC +: AWC] = AWC'(c_base + kept + kc);
        c_wdata[j*32 +: 32] = pos + 32'(j);
      end
      gtc = gtc + 32'(gt);
      ltc = ltc + 32'(lt);
      eqc = eqc + 32'(eq);
      kc = kc + 32'(keep);
    end
    n_gt = gtc;
    n_lt = ltc;
    n_eq = eqc;
    n_keep = kc;
  end
  assign tile_ev = {7'd0, state == S_FIN && last_chunk};

  always_ff @(posedge clk) begin
    if (rst) begin
      state <= S_IDLE;
      src <= SRC_ROW;
      lfsr <= SEED;
      pos <= '0;
    end else if (cmd_accept) begin
      n <= cw(3);
      a_base <= cw(6);
      c_base <= cw(11);
      len <= cw(3);
      want <= cw(4);
      src <= SRC_ROW;
      lfsr <= SEED;
      state <= S_IDX;
    end else begin
      case (state)
        S_IDLE: begin
        end
        S_IDX: begin
          pidx <= 32'(({32'b0, 16'b0, lfsr} * 64'(len)) >> 16);
          lfsr <= (lfsr >> 1) ^ (lfsr[0] ? TAPS : 16'h0);
          cnt_hi <= '0;
          cnt_lo <= '0;
          pos <= '0;
          state <= S_PIV;
        end
        S_PIV: begin
          pivot <= pivot_rd;
          state <= S_STR;
        end
        S_STR: begin
          cnt_hi <= cnt_hi + n_gt;
          cnt_lo <= cnt_lo + n_lt;
          pos <= pos + 32'(P);
          if (last_chunk) state <= S_DEC;
        end
        S_DEC: begin
          if (want <= cnt_hi) begin
            len <= cnt_hi;
            src <= SRC_HI;
            state <= S_IDX;
          end else if (want <= len - cnt_lo) begin
            kv <= pivot;
            need_eq <= want - cnt_hi;
            eq_seen <= '0;
            kept <= '0;
            pos <= '0;
            state <= S_FIN;
          end else begin
            want <= want - (len - cnt_lo);
            len <= cnt_lo;
            src <= SRC_LO;
            state <= S_IDX;
          end
        end
        S_FIN: begin
          eq_seen <= eq_seen + n_eq;
          kept <= kept + n_keep;
          pos <= pos + 32'(P);
          if (last_chunk) state <= S_IDLE;
        end
        default: state <= S_IDLE;
      endcase
    end
  end
endmodule
