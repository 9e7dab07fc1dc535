// Sparcade: tile sequencer and feeders of an input-stationary N:M array (R rows = the tile's iterated k,
// C columns = m, temporal n). A tile runs fold by fold (k chunks of R rows outer, m chunks of C columns
// inner); a fold preloads into PE (r, c) the M activations of row m = c of the group of its compressed k
// position r (shifted down the columns for R cycles), then streams T = tn weight columns {index, value}
// along the rows for T + R + C - 2 cycles; each PE's multiplexer picks its activation by the weight's index.
// Sums leave the bottom of the columns with the step's tag and are written into the accumulator buffer
// (added after the tile's first k fold; the tag's address advances by a C row per column along the tag line).
// Fold cycles are 2R + C + T - 2 (SCALE-Sim's); busy marks them. The instruction words are sc_seq_ws's, but
// 17 folds along m, 18 R x B row stride, 19 C x A row stride, 20 C x C row stride (the program's products:
// addresses advance by adds, no multiplier in control).
module sc_seq_is #(
    parameter int R = 4,
    parameter int C = 4,
    parameter int MM = 4,
    parameter int W = 8,
    parameter int EW = 10,
    parameter int AWA = 10,
    parameter int AWB = 10,
    parameter int AWC = 10,
    parameter int ACCW = 32,
    parameter int IW = 24,
    parameter int TAGW = 3 + 10 + 32
) (
    input  logic                    clk,
    input  logic                    rst,
    input  logic                    cmd_valid,
    input  logic [IW*32-1:0]        cmd,
    output logic                    cmd_accept,
    output logic                    busy,
    output logic                    idle,
    output logic [7:0]              tile_ev,
    output logic [C*MM*AWA-1:0]     a_raddr,
    input  logic [C*MM*W-1:0]       a_rdata,
    output logic [R*AWB-1:0]        b_raddr,
    input  logic [R*EW-1:0]         b_rdata,
    output logic [C*MM*W-1:0]       top_act,
    output logic                    ld,
    output logic [R*EW-1:0]         row_wgt,
    output logic [TAGW-1:0]         tag,
    input  logic [C*ACCW-1:0]       bot_ps,
    input  logic [C*TAGW-1:0]       bot_tag,
    output logic [C-1:0]            c_we,
    output logic [C-1:0]            c_wadd,
    output logic [C*AWC-1:0]        c_waddr,
    output logic [C*ACCW-1:0]       c_wdata
);
  typedef enum logic [1:0] {S_IDLE, S_PRE, S_STR} state_t;
  state_t state;
  logic [31:0] tm, tk, tn, a_base, a_stride, a_d0, b_base, b_stride, c_base, c_stride, k0c;
  logic        first_k;
  logic [3:0]  lgn, lgm;
  logic [31:0] fk, fm, nfk, nfm, cnt;
  logic [31:0] fkr;      // fk * R
  logic [31:0] fmc;      // fm * C
  logic [31:0] b_rstep;  // R * b_stride
  logic [31:0] a_cstep;  // C * a_stride
  logic [31:0] c_cstep;  // C * c_stride
  logic [31:0] b_fold;   // address of B[fk * R][0]
  logic [31:0] a_fold;   // address of A[fm * C][0]
  logic [31:0] c_fold;   // address of C[fm * C][0]
  logic        last_fold;
  logic        ready;
  logic [15:0] tails;

  assign last_fold = fk + 1 == nfk && fm + 1 == nfm;
  assign ready = state == S_IDLE || (state == S_STR && cnt == tn + R + C - 3 && last_fold);
  assign cmd_accept = cmd_valid && ready;
  assign busy = state != S_IDLE;
  assign ld = state == S_PRE;

  function automatic logic [31:0] cw(input int i);
    cw = cmd[i*32 +: 32];
  endfunction

  // Feeders: addresses and which reads are live (kept apart from the data, so no combinational loop). Row and
  // column addresses follow each other by a stride (adders, no multiplier).
  logic [C*MM-1:0] a_ok;
  logic [R-1:0]    b_ok;
  logic [31:0]     a_col [C];
  logic [31:0]     b_row [R];
  always_comb begin
    a_raddr = '0;
    b_raddr = '0;
    a_ok = '0;
    b_ok = '0;
    for (int c = 0; c < C; c++) begin
      logic [31:0] kc;
      logic [31:0] m;
      logic [31:0] off;
      kc = fkr + 32'(R - 1) - cnt;
      m = fmc + 32'(c);
      off = (((k0c + kc) >> lgn) << lgm) - a_d0;
      a_col[c] = c == 0 ? a_fold : a_col[c == 0 ? 0 : c - 1] + a_stride;
      for (int j = 0; j < MM; j++) begin
        a_raddr[(c*MM+j)*AWA +: AWA] = AWA'(a_col[c] + off + 32'(j));
        a_ok[c*MM+j] = state == S_PRE && kc < tk && m < tm && j < (1 << lgm);
      end
    end
    for (int r = 0; r < R; r++) begin
      logic [31:0] kc;
      kc = fkr + 32'(r);
      b_row[r] = r == 0 ? b_fold : b_row[r == 0 ? 0 : r - 1] + b_stride;
      b_raddr[r*AWB +: AWB] = AWB'(b_row[r] + cnt);
      b_ok[r] = state == S_STR && cnt < tn && kc < tk;
    end
  end
  always_comb begin
    for (int i = 0; i < C * MM; i++) top_act[i*W +: W] = a_ok[i] ? a_rdata[i*W +: W] : '0;
    for (int r = 0; r < R; r++) row_wgt[r*EW +: EW] = b_ok[r] ? b_rdata[r*EW +: EW] : '0;
  end
  always_comb begin
    tag = '0;
    if (state == S_STR && cnt < tn) begin
      // {last, first, valid, address of C[fold's first m][n], stride to the next column (a C row), valid columns}
      tag = {cnt + 1 == tn && last_fold, first_k && fk == 0, 1'b1, AWC'(c_fold + cnt), 16'(c_stride), 16'(tm - fmc)};
    end
  end

  always_comb begin
    c_we = '0;
    c_wadd = '0;
    c_waddr = '0;
    c_wdata = bot_ps;
    for (int c = 0; c < C; c++) begin
      logic [TAGW-1:0] t;
      t = bot_tag[c*TAGW +: TAGW];
      c_we[c] = t[32 + AWC] && 32'(c) < 32'(t[15:0]);
      c_wadd[c] = !t[33 + AWC];
      c_waddr[c*AWC +: AWC] = t[32 +: AWC];
    end
  end
  assign tile_ev = {7'd0, bot_tag[(C-1)*TAGW + TAGW - 1]};

  always_ff @(posedge clk) begin
    if (rst) begin
      state <= S_IDLE;
      cnt <= '0;
      fk <= '0;
      fm <= '0;
      tails <= '0;
    end else begin
      tails <= tails + ((state == S_STR && cnt + 1 == tn && last_fold) ? 16'd1 : 16'd0) - 16'(tile_ev);
      if (cmd_accept) begin
        tm <= cw(3);
        tk <= cw(4);
        tn <= cw(5);
        a_base <= cw(6);
        a_stride <= cw(7);
        a_d0 <= cw(8);
        b_base <= cw(9);
        b_stride <= cw(10);
        c_base <= cw(11);
        c_stride <= cw(12);
        first_k <= cmd[13*32];
        lgn <= cmd[13*32 + 8 +: 4];
        lgm <= cmd[13*32 + 12 +: 4];
        k0c <= cw(14);
        nfk <= cw(16);
        nfm <= cw(17);
        b_rstep <= cw(18);
        a_cstep <= cw(19);
        c_cstep <= cw(20);
        fk <= '0;
        fm <= '0;
        fkr <= '0;
        fmc <= '0;
        b_fold <= cw(9);
        a_fold <= cw(6);
        c_fold <= cw(11);
        cnt <= '0;
        state <= S_PRE;
      end else if (state == S_PRE) begin
        if (cnt == 32'(R - 1)) begin
          cnt <= '0;
          state <= S_STR;
        end else begin
          cnt <= cnt + 1;
        end
      end else if (state == S_STR) begin
        if (cnt == tn + R + C - 3) begin
          cnt <= '0;
          if (last_fold) begin
            state <= S_IDLE;
          end else begin
            state <= S_PRE;
            if (fm + 1 == nfm) begin
              fm <= '0;
              fmc <= '0;
              a_fold <= a_base;
              c_fold <= c_base;
              fk <= fk + 1;
              fkr <= fkr + 32'(R);
              b_fold <= b_fold + b_rstep;
            end else begin
              fm <= fm + 1;
              fmc <= fmc + 32'(C);
              a_fold <= a_fold + a_cstep;
              c_fold <= c_fold + c_cstep;
            end
          end
        end else begin
          cnt <= cnt + 1;
        end
      end
    end
  end
  assign idle = state == S_IDLE && tails == 0;
endmodule
