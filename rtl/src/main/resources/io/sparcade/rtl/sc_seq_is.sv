// Sparcade: tile sequencer and feeders of an input-stationary N:M array (R rows = the tile's iterated k,
// C columns = m, temporal n). A tile runs fold by fold (k chunks of R rows outer, m chunks of C columns
// inner); a fold preloads into PE (r, c) the M activations of row m = c of the group of its compressed k
// position r (shifted down the columns for R cycles), then streams T = tn weight columns {index, value}
// along the rows for T + R + C - 2 cycles; each PE's multiplexer picks its activation by the weight's index.
// Sums leave the bottom of the columns with the step's tag and are written into the accumulator buffer
// (added after the tile's first k fold). Fold cycles are 2R + C + T - 2 (SCALE-Sim's); busy marks them.
// The instruction words are sc_seq_ws's.
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
    parameter int IW = 16,
    parameter int TAGW = 3 + 10 + 16
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
  logic        last_fold;
  logic        ready;
  logic [15:0] tails;

  assign nfk = (tk + R - 1) / R;
  assign nfm = (tm + C - 1) / C;
  assign last_fold = fk + 1 == nfk && fm + 1 == nfm;
  assign ready = state == S_IDLE || (state == S_STR && cnt == tn + R + C - 3 && last_fold);
  assign cmd_accept = cmd_valid && ready;
  assign busy = state != S_IDLE;
  assign ld = state == S_PRE;

  function automatic logic [31:0] cw(input int i);
    return cmd[i*32 +: 32];
  endfunction

  // Feeders: addresses and which reads are live (kept apart from the data, so no combinational loop).
  logic [C*MM-1:0] a_ok;
  logic [R-1:0]    b_ok;
  always_comb begin
    a_raddr = '0;
    b_raddr = '0;
    a_ok = '0;
    b_ok = '0;
    for (int c = 0; c < C; c++) begin
      logic [31:0] kc;
      logic [31:0] m;
      logic [31:0] off;
      kc = fk * R + 32'(R - 1) - cnt;
      m = fm * C + 32'(c);
      off = (((k0c + kc) >> lgn) << lgm) - a_d0;
      for (int j = 0; j < MM; j++) begin
        a_raddr[(c*MM+j)*AWA +: AWA] = AWA'(a_base + m * a_stride + off + 32'(j));
        a_ok[c*MM+j] = state == S_PRE && kc < tk && m < tm && j < (1 << lgm);
      end
    end
    for (int r = 0; r < R; r++) begin
      logic [31:0] kc;
      kc = fk * R + 32'(r);
      b_raddr[r*AWB +: AWB] = AWB'(b_base + kc * b_stride + cnt);
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
      // {last, first, valid, address of C[fold's first m][n], valid columns}
      tag = {cnt + 1 == tn && last_fold, first_k && fk == 0, 1'b1, AWC'(c_base + fm * C * c_stride + cnt),
             16'(tm - fm * C)};
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
      c_we[c] = t[16 + AWC] && 32'(c) < 32'(t[15:0]);
      c_wadd[c] = !t[17 + AWC];
      c_waddr[c*AWC +: AWC] = t[16 +: AWC] + AWC'(32'(c) * c_stride);
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
        fk <= '0;
        fm <= '0;
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
              fk <= fk + 1;
            end else begin
              fm <= fm + 1;
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
