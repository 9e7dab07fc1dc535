// Sparcade: tile sequencer, feeders and drain of an output-stationary N:M array (R rows = m, C columns = n,
// temporal k). A tile runs fold by fold (m chunks of R rows outer, n chunks of C columns inner); a fold
// streams the tile's T = tk compressed k steps for T + R + C - 2 cycles (SCALE-Sim's fold): row r receives
// the M activations of step s's group of its A row with the step's flags, column c the weight
// {index, value} of (s, n). Each PE keeps its sum and hands it to its result register on the last step; the
// drain then writes the fold's results into the accumulator buffer one array row per cycle (R cycles,
// overlapping the next fold), adding them after the tile's first k tile. busy marks the fold cycles; a
// tile retires (tile_ev) when its last row is drained. A tile of one fold whose next tile is the same fold's
// next k range (flag cont_out) keeps its sums in the PEs: it streams its steps only and retires after its last
// step; the next tile (flag cont_in) goes on accumulating. Such a run of tiles costs what the fold over the
// whole k costs. The instruction words are sc_seq_ws's (word 13: bit 0 fresh accumulators, bit 1 cont_in,
// bit 2 cont_out, bits 8..11 log2 N, bits 12..15 log2 M), but 16 folds along m, 17 along n, 18 R x A row
// stride, 19 R x C row stride (the program's products: addresses advance by adds, no multiplier in control).
module sc_seq_os #(
    parameter int R = 4,
    parameter int C = 4,
    parameter int MM = 4,
    parameter int W = 8,
    parameter int EW = 10,
    parameter int AWA = 10,
    parameter int AWB = 10,
    parameter int AWC = 10,
    parameter int ACCW = 32,
    parameter int IW = 24
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
    output logic [R*3-1:0]          row_flg,
    output logic [C*EW-1:0]         col_wgt,
    input  logic [R*C*ACCW-1:0]     res,
    output logic [C-1:0]            c_we,
    output logic [C-1:0]            c_wadd,
    output logic [C*AWC-1:0]        c_waddr,
    output logic [C*ACCW-1:0]       c_wdata
);
  typedef enum logic [1:0] {S_IDLE, S_STR} state_t;
  state_t state;
  logic [31:0] tm, tk, tn, a_base, a_stride, a_d0, b_base, b_stride, c_base, c_stride, k0c;
  logic        first_k;
  logic        cont_in;
  logic        cont_out;
  logic [31:0] last_cnt;
  logic [3:0]  lgn, lgm;
  logic [31:0] fm, fn, nfm, nfn, cnt;
  logic [31:0] fmr;      // fm * R
  logic [31:0] fnc;      // fn * C
  logic [31:0] a_rstep;  // R * a_stride
  logic [31:0] c_rstep;  // R * c_stride
  logic [31:0] a_fold;   // address of A[fm * R][0]
  logic [31:0] c_fold;   // address of C[fm * R][0]
  logic [31:0] b_srow;   // address of B[the step streamed now][0]
  logic        last_fold;
  logic        ready;
  // drain of the last finished fold
  logic        dr_on;
  logic [31:0] dr_d;
  logic [31:0] dr_addr;   // address of C[the row drained now][fold's first n]
  logic [31:0] dr_stride;
  logic [31:0] dr_rows;
  logic [31:0] dr_cols;
  logic        dr_add;
  logic        dr_last;

  assign last_fold = fm + 1 == nfm && fn + 1 == nfn;
  assign last_cnt = cont_out ? tk - 1 : tk + R + C - 3;
  assign ready = state == S_IDLE || (state == S_STR && cnt == last_cnt && last_fold);
  assign cmd_accept = cmd_valid && ready;
  assign busy = state != S_IDLE;

  function automatic logic [31:0] cw(input int i);
    cw = cmd[i*32 +: 32];
  endfunction

  // Feeders: addresses and which reads are live (kept apart from the data, so no combinational loop). Row
  // addresses follow each other by a stride (adders, no multiplier).
  logic [R*MM-1:0] a_ok;
  logic [C-1:0]    b_ok;
  logic [31:0]     a_row [R];
  always_comb begin
    a_raddr = '0;
    b_raddr = '0;
    a_ok = '0;
    b_ok = '0;
    row_flg = '0;
    for (int r = 0; r < R; r++) begin
      logic [31:0] m;
      logic [31:0] off;
      m = fmr + 32'(r);
      off = (((k0c + cnt) >> lgn) << lgm) - a_d0;
      a_row[r] = r == 0 ? a_fold : a_row[r == 0 ? 0 : r - 1] + a_stride;
      for (int j = 0; j < MM; j++) begin
        a_raddr[(r*MM+j)*AWA +: AWA] = AWA'(a_row[r] + off + 32'(j));
        a_ok[r*MM+j] = state == S_STR && cnt < tk && m < tm && j < (1 << lgm);
      end
      if (state == S_STR && cnt < tk) row_flg[r*3 +: 3] = {cnt + 1 == tk && !cont_out, cnt == 0 && !cont_in, 1'b1};
    end
    for (int c = 0; c < C; c++) begin
      logic [31:0] n;
      n = fnc + 32'(c);
      b_raddr[c*AWB +: AWB] = AWB'(b_srow + n);
      b_ok[c] = state == S_STR && cnt < tk && n < tn;
    end
  end
  always_comb begin
    for (int i = 0; i < R * MM; i++) row_act[i*W +: W] = a_ok[i] ? a_rdata[i*W +: W] : '0;
    for (int c = 0; c < C; c++) col_wgt[c*EW +: EW] = b_ok[c] ? b_rdata[c*EW +: EW] : '0;
  end

  always_comb begin
    c_we = '0;
    c_wadd = '0;
    c_waddr = '0;
    c_wdata = '0;
    for (int c = 0; c < C; c++) begin
      c_we[c] = dr_on && dr_d < dr_rows && 32'(c) < dr_cols;
      c_wadd[c] = dr_add;
      c_waddr[c*AWC +: AWC] = AWC'(dr_addr + 32'(c));
      c_wdata[c*ACCW +: ACCW] = res[(dr_d[$clog2(R+1)-1:0]*C + c)*ACCW +: ACCW];
    end
  end
  // Tiles retire in order: a continued tile that ends while the previous tile is still draining is held
  // until that drain's last row.
  logic       drain_ev;
  logic       cont_ev;
  logic [7:0] held;
  logic       release_held;
  assign drain_ev = dr_on && dr_d == 32'(R - 1) && dr_last;
  assign cont_ev = state == S_STR && cont_out && cnt == last_cnt;
  assign release_held = !dr_on || drain_ev;
  assign tile_ev = release_held ? 8'(drain_ev) + held + 8'(cont_ev) : 8'd0;

  always_ff @(posedge clk) begin
    if (rst) begin
      state <= S_IDLE;
      cnt <= '0;
      fm <= '0;
      fn <= '0;
      dr_on <= 1'b0;
      dr_d <= '0;
      held <= '0;
    end else begin
      held <= release_held ? 8'd0 : held + 8'(cont_ev);
      if (dr_on) begin
        if (dr_d == 32'(R - 1)) dr_on <= 1'b0;
        dr_d <= dr_d + 1;
        dr_addr <= dr_addr + dr_stride;
      end
      if (state == S_STR && cnt == last_cnt && !cont_out) begin
        dr_on <= 1'b1;
        dr_d <= '0;
        dr_addr <= c_fold + fnc;
        dr_stride <= c_stride;
        dr_rows <= tm - fmr;
        dr_cols <= tn - fnc;
        dr_add <= !first_k;
        dr_last <= last_fold;
      end
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
        cont_in <= cmd[13*32 + 1];
        cont_out <= cmd[13*32 + 2];
        lgn <= cmd[13*32 + 8 +: 4];
        lgm <= cmd[13*32 + 12 +: 4];
        k0c <= cw(14);
        nfm <= cw(16);
        nfn <= cw(17);
        a_rstep <= cw(18);
        c_rstep <= cw(19);
        fm <= '0;
        fn <= '0;
        fmr <= '0;
        fnc <= '0;
        a_fold <= cw(6);
        c_fold <= cw(11);
        b_srow <= cw(9);
        cnt <= '0;
        state <= S_STR;
      end else if (state == S_STR) begin
        b_srow <= b_srow + b_stride;
        if (cnt == last_cnt) begin
          cnt <= '0;
          b_srow <= b_base;
          if (last_fold) begin
            state <= S_IDLE;
          end else if (fn + 1 == nfn) begin
            fn <= '0;
            fnc <= '0;
            fm <= fm + 1;
            fmr <= fmr + 32'(R);
            a_fold <= a_fold + a_rstep;
            c_fold <= c_fold + c_rstep;
          end else begin
            fn <= fn + 1;
            fnc <= fnc + 32'(C);
          end
        end else begin
          cnt <= cnt + 1;
        end
      end
    end
  end
  assign idle = state == S_IDLE && !dr_on && held == 0;
endmodule
