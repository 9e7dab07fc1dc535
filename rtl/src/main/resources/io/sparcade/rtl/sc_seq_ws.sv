// Sparcade: tile sequencer and feeders of a weight-stationary N:M array (R rows = the tile's iterated k,
// C columns = n, temporal m). A tile runs fold by fold (k chunks of R rows outer, n chunks of C columns
// inner); a fold preloads its weights {index, value} by shifting them down the columns for R cycles, then
// streams the tile's T = tm rows of A for T + R + C - 2 cycles: row r of the array receives the M
// activations of the group its compressed k position belongs to (lane 0 only, index 0, in dense mode). The
// sums leave the bottom of the columns with the step's tag (which travels the last row's skew) and are
// written into the accumulator buffer, or added to it after the tile's first k fold (the tag's address advances
// by one per column along the tag line). Fold cycles are
// 2R + C + T - 2 (SCALE-Sim's); busy marks them. The next tile starts right after the last fold's last
// cycle; a tile retires (tile_ev) when its last sum is written.
// Compute instruction words: 3 tm, 4 tk (compressed when sparse), 5 tn, 6 A base, 7 A row stride,
// 8 A dense offset of the tile, 9 B base, 10 B row stride, 11 C base, 12 C row stride,
// 13 flags (bit 0 first k tile, bits 8..11 log2 N, bits 12..15 log2 M; both 0 when dense), 14 first
// compressed k of the tile, 16 folds along the array's rows, 17 folds along its columns, 18 R x B row stride
// (the program's divisions and products: addresses advance by adds, no divider or multiplier in control).
module sc_seq_ws #(
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
    output logic [R*MM*AWA-1:0]     a_raddr,
    input  logic [R*MM*W-1:0]       a_rdata,
    output logic [C*AWB-1:0]        b_raddr,
    input  logic [C*EW-1:0]         b_rdata,
    output logic [R*MM*W-1:0]       row_act,
    output logic [C*EW-1:0]         top_wgt,
    output logic                    ld,
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
  logic [31:0] fk, fn, nfk, nfn, cnt;
  logic [31:0] fkr;      // fk * R
  logic [31:0] fnc;      // fn * C
  logic [31:0] b_fold;   // address of B[fk * R][0]
  logic [31:0] b_rstep;  // R * b_stride
  logic [31:0] b_prow;   // address of B[the row preloaded now][0]
  logic [31:0] a_srow;   // address of A[the row streamed now][0]
  logic [31:0] c_srow;   // address of C[the row streamed now][0]
  logic        last_fold;
  logic        ready;
  logic [15:0] tails;

  assign last_fold = fk + 1 == nfk && fn + 1 == nfn;
  assign ready = state == S_IDLE || (state == S_STR && cnt == tm + R + C - 3 && last_fold);
  assign cmd_accept = cmd_valid && ready;
  assign busy = state != S_IDLE;
  assign ld = state == S_PRE;

  function automatic logic [31:0] cw(input int i);
    cw = cmd[i*32 +: 32];
  endfunction

  // Feeders: addresses and which reads are live (kept apart from the data, so no combinational loop).
  logic [C-1:0]    b_ok;
  logic [R*MM-1:0] a_ok;
  always_comb begin
    a_raddr = '0;
    b_raddr = '0;
    a_ok = '0;
    b_ok = '0;
    for (int c = 0; c < C; c++) begin
      logic [31:0] kc;
      logic [31:0] n;
      kc = fkr + 32'(R - 1) - cnt;
      n = fnc + 32'(c);
      b_raddr[c*AWB +: AWB] = AWB'(b_prow + n);
      b_ok[c] = state == S_PRE && kc < tk && n < tn;
    end
    for (int r = 0; r < R; r++) begin
      logic [31:0] kc;
      logic [31:0] off;
      kc = fkr + 32'(r);
      off = (((k0c + kc) >> lgn) << lgm) - a_d0;
      for (int j = 0; j < MM; j++) begin
        a_raddr[(r*MM+j)*AWA +: AWA] = AWA'(a_srow + off + 32'(j));
        a_ok[r*MM+j] = state == S_STR && cnt < tm && kc < tk && j < (1 << lgm);
      end
    end
  end
  always_comb begin
    for (int c = 0; c < C; c++) top_wgt[c*EW +: EW] = b_ok[c] ? b_rdata[c*EW +: EW] : '0;
    for (int i = 0; i < R * MM; i++) row_act[i*W +: W] = a_ok[i] ? a_rdata[i*W +: W] : '0;
  end
  always_comb begin
    tag = '0;
    if (state == S_STR && cnt < tm) begin
      // {last, first, valid, address of C[m][fold's first n], stride to the next column, valid columns}
      tag = {cnt + 1 == tm && last_fold, first_k && fk == 0, 1'b1, AWC'(c_srow + fnc), 16'd1, 16'(tn - fnc)};
    end
  end

  // Accumulator writes at the bottom of the columns.
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
      fn <= '0;
      tails <= '0;
    end else begin
      tails <= tails + ((state == S_STR && cnt + 1 == tm && last_fold) ? 16'd1 : 16'd0) - 16'(tile_ev);
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
        nfn <= cw(17);
        b_rstep <= cw(18);
        fk <= '0;
        fn <= '0;
        fkr <= '0;
        fnc <= '0;
        b_fold <= cw(9);
        b_prow <= cw(9) + cw(18) - cw(10);
        cnt <= '0;
        state <= S_PRE;
      end else if (state == S_PRE) begin
        a_srow <= a_base;
        c_srow <= c_base;
        if (cnt == 32'(R - 1)) begin
          cnt <= '0;
          state <= S_STR;
        end else begin
          cnt <= cnt + 1;
          b_prow <= b_prow - b_stride;
        end
      end else if (state == S_STR) begin
        a_srow <= a_srow + a_stride;
        c_srow <= c_srow + c_stride;
        if (cnt == tm + R + C - 3) begin
          cnt <= '0;
          if (last_fold) begin
            state <= S_IDLE;
          end else begin
            state <= S_PRE;
            if (fn + 1 == nfn) begin
              fn <= '0;
              fnc <= '0;
              fk <= fk + 1;
              fkr <= fkr + 32'(R);
              b_fold <= b_fold + b_rstep;
              b_prow <= b_fold + b_rstep + b_rstep - b_stride;
            end else begin
              fn <= fn + 1;
              fnc <= fnc + 32'(C);
              b_prow <= b_fold + b_rstep - b_stride;
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
