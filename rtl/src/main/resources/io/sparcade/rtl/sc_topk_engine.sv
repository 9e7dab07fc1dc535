// Sparcade: SpAtten-style quick-select top-k engine. A query of LEN unsigned W-bit scores shifts in through
// in_valid/in_data. Each round: pick a pseudo-random pivot (16-bit Galois LFSR, index = lfsr*len >> 16; one
// cycle), read it (one cycle), stream the sequence P elements per cycle through the > pivot / < pivot
// comparators, compacting the two sides (prefix sums, zero elimination) into the hi / lo ping-pong buffers,
// then decide (one cycle): recurse into the side holding rank k, or stop when rank k equals the pivot.
// A final pass over the LEN scores keeps those above the k-th value and, in index order, the first of those
// equal to it so that exactly K are kept; their indices are written in ascending order to out_idx.
// Cycles: sum over rounds of (ceil(len_r / P) + 3), plus ceil(LEN / P) for the final pass.
module sc_topk_engine #(
    parameter int P = 4,
    parameter int LEN = 16,
    parameter int K = 4,
    parameter int W = 8
) (
    input  logic                      clk,
    input  logic                      rst,
    input  logic                      start,
    input  logic                      in_valid,
    input  logic [W-1:0]              in_data,
    input  logic [$clog2(K+1)-1:0]    out_addr,
    output logic [$clog2(LEN)-1:0]    out_data,
    output logic                      done
);
  localparam int IB = $clog2(LEN);
  localparam int LB = $clog2(LEN + 1);
  localparam int EB = $clog2(LEN + P + 1);
  localparam int AB = $clog2(K + 1);
  localparam logic [15:0] SEED = 16'hACE1;
  localparam logic [15:0] TAPS = 16'hB400;

  typedef enum logic [2:0] {S_IDLE, S_IDX, S_PIV, S_STR, S_DEC, S_FIN} state_t;
  typedef enum logic [1:0] {SRC_SCORES, SRC_HI, SRC_LO} src_t;

  logic [LEN*W-1:0]  words;
  logic [LEN*W-1:0]  hi_buf;
  logic [LEN*W-1:0]  lo_buf;
  logic [K*IB-1:0]   out_idx;

  state_t        state;
  src_t          src;
  logic [15:0]   lfsr;
  logic [LB-1:0] len;
  logic [LB-1:0] want;
  logic [LB-1:0] cnt_hi;
  logic [LB-1:0] cnt_lo;
  logic [EB-1:0] pos;
  logic [IB-1:0] pidx;
  logic [W-1:0]  pivot;
  logic [W-1:0]  pivot_rd;
  logic [W-1:0]  kv;
  logic [LB-1:0] need_eq;
  logic [LB-1:0] eq_seen;
  logic [AB-1:0] kept;

  always_ff @(posedge clk) begin
    if (in_valid) begin
      words <= words >> W;
      words[(LEN-1)*W +: W] <= in_data;
    end
  end

  // The current sequence lives in the scores (first round) or in one of the ping-pong buffers.
  logic [LEN*W-1:0] seq;
  assign seq = src == SRC_HI ? hi_buf : (src == SRC_LO ? lo_buf : words);
  always @* begin
    pivot_rd = '0;
    for (int i = 0; i < LEN; i++) begin
      if (pidx == IB'(i)) pivot_rd = seq[i*W +: W];
    end
  end

  // One chunk of P lanes: comparators and prefix sums for the round (S_STR) and the final pass (S_FIN).
  logic [P*W-1:0]  v;
  logic [P*EB-1:0] e;
  logic [P-1:0]    gt;
  logic [P-1:0]    lt;
  logic [P-1:0]    keep;
  logic [P*LB-1:0] hi_at;
  logic [P*LB-1:0] lo_at;
  logic [P*AB-1:0] out_at;
  logic [LB-1:0]   n_gt;
  logic [LB-1:0]   n_lt;
  logic [LB-1:0]   n_eq;
  logic [AB-1:0]   n_keep;
  logic            last_chunk;
  logic [LB-1:0]   limit;
  logic [W-1:0]    thr;
  logic [LEN*W-1:0] data;

  assign limit = state == S_FIN ? LB'(LEN) : len;
  assign thr = state == S_FIN ? kv : pivot;
  assign data = state == S_FIN ? words : seq;
  assign last_chunk = pos + EB'(P) >= EB'(limit);

  always @* begin
    n_gt = '0;
    n_lt = '0;
    n_eq = '0;
    n_keep = '0;
    for (int j = 0; j < P; j++) begin
      logic valid;
      logic eq;
      logic [EB-1:0] ej;
      logic [W-1:0] vj;
      ej = pos + EB'(j);
      valid = ej < EB'(limit);
      vj = '0;
      for (int i = 0; i < LEN; i++) begin
        if (valid && ej == EB'(i)) vj = data[i*W +: W];
      end
      e[j*EB +: EB] = ej;
      v[j*W +: W] = vj;
      hi_at[j*LB +: LB] = cnt_hi + n_gt;
      lo_at[j*LB +: LB] = cnt_lo + n_lt;
      out_at[j*AB +: AB] = kept + n_keep;
      gt[j] = valid && vj > thr;
      lt[j] = valid && vj < thr;
      eq = valid && vj == kv;
      keep[j] = gt[j] || (eq && eq_seen + n_eq < need_eq);
      n_gt = n_gt + LB'(gt[j]);
      n_lt = n_lt + LB'(lt[j]);
      n_eq = n_eq + LB'(eq);
      n_keep = n_keep + AB'(keep[j]);
    end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      state <= S_IDLE;
      src <= SRC_SCORES;
      lfsr <= SEED;
      len <= '0;
      want <= '0;
      cnt_hi <= '0;
      cnt_lo <= '0;
      pos <= '0;
      pidx <= '0;
      pivot <= '0;
      kv <= '0;
      need_eq <= '0;
      eq_seen <= '0;
      kept <= '0;
      done <= 1'b0;
    end else begin
      case (state)
        S_IDLE: begin
          if (start) begin
            state <= S_IDX;
            src <= SRC_SCORES;
            lfsr <= SEED;
            len <= LB'(LEN);
            want <= LB'(K);
            done <= 1'b0;
          end
        end
        S_IDX: begin
          pidx <= IB'(({16'b0, lfsr} * 32'(len)) >> 16);
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
          for (int i = 0; i < LEN; i++) begin
            for (int j = 0; j < P; j++) begin
              if (gt[j] && hi_at[j*LB +: LB] == LB'(i)) hi_buf[i*W +: W] <= v[j*W +: W];
              if (lt[j] && lo_at[j*LB +: LB] == LB'(i)) lo_buf[i*W +: W] <= v[j*W +: W];
            end
          end
          cnt_hi <= cnt_hi + n_gt;
          cnt_lo <= cnt_lo + n_lt;
          pos <= pos + EB'(P);
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
          for (int i = 0; i < K; i++) begin
            for (int j = 0; j < P; j++) begin
              if (keep[j] && out_at[j*AB +: AB] == AB'(i)) out_idx[i*IB +: IB] <= e[j*EB +: IB];
            end
          end
          eq_seen <= eq_seen + n_eq;
          kept <= kept + n_keep;
          pos <= pos + EB'(P);
          if (last_chunk) begin
            done <= 1'b1;
            state <= S_IDLE;
          end
        end
        default: state <= S_IDLE;
      endcase
    end
  end

  always @* begin
    out_data = '0;
    for (int i = 0; i < K; i++) begin
      if (out_addr == AB'(i)) out_data = out_idx[i*IB +: IB];
    end
  end
endmodule
