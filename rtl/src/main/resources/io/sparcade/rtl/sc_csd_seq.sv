// Sparcade: tile sequencer and feeders of a DSP-chain layer engine (CH chains of L = 2G stages). A tile issues
// one work item per cycle: an output row pair (PF = 2 rows sharing each weight when packed, else 1 row),
// a block of CH x S output columns (chain c computes columns c*S .. c*S+S-1 of the block, one per segment of
// seg stages) and a pass p over compressed k positions p*seg .. p*seg+seg-1; passes are innermost, so each
// segment accumulates its passes in place. All chains share the item's activations (a broadcast); each chain
// reads its own weights. The item's descriptor travels beside the cascade (D[t] describes the item stage t
// works on, with u = t mod seg and s = t div seg kept as counters), so stage t reads its weight and
// activations for the item issued t cycles earlier, and the node of group g handles the item issued 2g+3
// cycles earlier. Tile cycles: ceil(tm/PF) x ceil(tn/(CH*S)) x ceil(tk/seg); the next tile issues right
// after. An item's last sums are written L+1 cycles after it issued; busy marks the issue cycles and, once the
// compute stream has ended, the final drain. A tile retires when its last item's sums are written. Addresses
// advance by adds: no multiplier or divider in control. Instruction words as sc_seq_ws's up to 14, then
// 13 bit 3 packed, 15 seg | S << 8, 16 row pairs, 17 column blocks, 18 passes, 19 seg x B row stride,
// 20 CH x S, 21 PF x A row stride, 22 PF x C row stride.
module sc_csd_seq #(
    parameter int CH = 2,
    parameter int G = 4,
    parameter int MM = 16,
    parameter int W = 8,
    parameter int EW = 12,
    parameter int AWA = 10,
    parameter int AWB = 10,
    parameter int IW = 24
) (
    input  logic                          clk,
    input  logic                          rst,
    input  logic                          cmd_valid,
    input  logic [IW*32-1:0]              cmd,
    output logic                          cmd_accept,
    input  logic                          stream_end,
    output logic                          busy,
    output logic                          idle,
    output logic [7:0]                    tile_ev,
    output logic [2*G*MM*2*AWA-1:0]       a_raddr,
    input  logic [2*G*MM*2*W-1:0]         a_rdata,
    output logic [CH*2*G*AWB-1:0]         b_raddr,
    input  logic [CH*2*G*EW-1:0]          b_rdata,
    output logic [2*G-1:0]                brk,
    output logic [CH*2*G*EW-1:0]          wgt,
    output logic [2*G*MM*W-1:0]           act_lo,
    output logic [2*G*MM*W-1:0]           act_hi,
    output logic [G-1:0]                  nbrk,
    output logic [G-1:0]                  tap_end,
    output logic [G*8-1:0]                tap_s,
    output logic [G-1:0]                  tap_first,
    output logic [G-1:0]                  tap_last,
    output logic [G-1:0]                  tap_fresh,
    output logic [G-1:0]                  tap_packed,
    output logic [G-1:0]                  tap_hi,
    output logic [G*8-1:0]                tap_segs,
    output logic [G*32-1:0]               tap_addr,
    output logic [G*32-1:0]               tap_cols,
    output logic [G*32-1:0]               tap_stride
);
  localparam int L = 2 * G;
  localparam int DP = L + 2;

  // tile registers
  logic        active;
  logic [31:0] tm, tk, tn, a_stride, a_d0, b_stride, c_stride, k0;
  logic        fresh, pk;  // pk: INT8 packing
  logic [3:0]  lgn, lgm;
  logic [7:0]  seg, segs;
  logic [31:0] nmp, nnb, npass, mp, nb, p;
  logic [31:0] b_pstep, nb_step, a_mstep, c_mstep;
  // running addresses of the item issuing now
  logic [31:0] kc0;     // p * seg
  logic [31:0] m0;      // mp * PF
  logic [31:0] b_base, b_row0;  // B address of row kc0 (column 0)
  logic [31:0] nbcol;   // nb * CH * S
  logic [31:0] a_base, a_row;   // A address of row m0
  logic [31:0] c_base, c_row;   // C address of row m0
  logic        last_item;
  logic        ready;

  function automatic logic [31:0] cw(input int i);
    cw = cmd[i*32 +: 32];
  endfunction

  assign last_item = active && mp + 1 == nmp && nb + 1 == nnb && p + 1 == npass;
  assign ready = !active || last_item;
  assign cmd_accept = cmd_valid && ready;

  // descriptors: index 0 is the item issuing now
  logic        d_v     [DP];
  logic        d_lasti [DP];
  logic        d_first [DP];
  logic        d_lastp [DP];
  logic        d_fresh [DP];
  logic        d_pack  [DP];
  logic        d_hi    [DP];
  logic [3:0]  d_lgn   [DP];
  logic [3:0]  d_lgm   [DP];
  logic [7:0]  d_seg   [DP];
  logic [7:0]  d_segs  [DP];
  logic [7:0]  d_u     [DP];   // the stage's position in its segment
  logic [7:0]  d_s     [DP];   // the stage's segment
  logic [31:0] d_kc0   [DP];
  logic [31:0] d_tk    [DP];
  logic [31:0] d_tn    [DP];
  logic [31:0] d_nbcol [DP];
  logic [31:0] d_arow  [DP];
  logic [31:0] d_astr  [DP];
  logic [31:0] d_ad0   [DP];
  logic [31:0] d_k0    [DP];
  logic [31:0] d_b0    [DP];   // B address of row kc0 (column 0)
  logic [31:0] d_brow  [DP];   // B address of row kc0 + u (column 0)
  logic [31:0] d_bstr  [DP];
  logic [31:0] d_crow  [DP];
  logic [31:0] d_cstr  [DP];

  always_comb begin
    d_v[0] = active;
    d_lasti[0] = last_item;
    d_first[0] = p == 0;
    d_lastp[0] = p + 1 == npass;
    d_fresh[0] = fresh;
    d_pack[0] = pk;
    d_hi[0] = pk && m0 + 1 < tm;
    d_lgn[0] = lgn;
    d_lgm[0] = lgm;
    d_seg[0] = seg;
    d_segs[0] = segs;
    d_u[0] = '0;
    d_s[0] = '0;
    d_kc0[0] = kc0;
    d_tk[0] = tk;
    d_tn[0] = tn;
    d_nbcol[0] = nbcol;
    d_arow[0] = a_row;
    d_astr[0] = a_stride;
    d_ad0[0] = a_d0;
    d_k0[0] = k0;
    d_b0[0] = b_row0;
    d_brow[0] = b_row0;
    d_bstr[0] = b_stride;
    d_crow[0] = c_row;
    d_cstr[0] = c_stride;
  end

  always_ff @(posedge clk) begin
    for (int i = 1; i < DP; i++) begin
      logic wrap;
      wrap = d_u[i-1] + 8'd1 == d_seg[i-1];
      if (rst) begin
        d_v[i] <= 1'b0;
      end else begin
        d_v[i] <= d_v[i-1];
      end
      d_lasti[i] <= d_lasti[i-1];
      d_first[i] <= d_first[i-1];
      d_lastp[i] <= d_lastp[i-1];
      d_fresh[i] <= d_fresh[i-1];
      d_pack[i] <= d_pack[i-1];
      d_hi[i] <= d_hi[i-1];
      d_lgn[i] <= d_lgn[i-1];
      d_lgm[i] <= d_lgm[i-1];
      d_seg[i] <= d_seg[i-1];
      d_segs[i] <= d_segs[i-1];
      d_u[i] <= wrap ? 8'd0 : d_u[i-1] + 8'd1;
      d_s[i] <= wrap ? d_s[i-1] + 8'd1 : d_s[i-1];
      d_kc0[i] <= d_kc0[i-1];
      d_tk[i] <= d_tk[i-1];
      d_tn[i] <= d_tn[i-1];
      d_nbcol[i] <= d_nbcol[i-1];
      d_arow[i] <= d_arow[i-1];
      d_astr[i] <= d_astr[i-1];
      d_ad0[i] <= d_ad0[i-1];
      d_k0[i] <= d_k0[i-1];
      d_b0[i] <= d_b0[i-1];
      d_brow[i] <= wrap ? d_b0[i-1] : d_brow[i-1] + d_bstr[i-1];
      d_bstr[i] <= d_bstr[i-1];
      d_crow[i] <= d_crow[i-1];
      d_cstr[i] <= d_cstr[i-1];
    end
  end

  // Feeders: stage t works on descriptor t. Addresses and live flags first, data after (no combinational
  // loop); chain c's columns start at c * S, built by adds along the chains.
  logic [2*G*MM*2-1:0] a_ok;
  logic [CH*2*G-1:0]   b_ok;
  logic [31:0]         cs [CH][L];
  always_comb begin
    a_raddr = '0;
    b_raddr = '0;
    a_ok = '0;
    b_ok = '0;
    brk = '0;
    for (int t = 0; t < L; t++) begin
      logic [31:0] kc;
      logic        live;
      logic [31:0] off;
      kc = d_kc0[t] + 32'(d_u[t]);
      live = d_v[t] && d_s[t] < d_segs[t] && kc < d_tk[t];
      brk[t] = d_pack[t] ? (t % 2 == 0) : (d_u[t] == 0);
      off = (((d_k0[t] + kc) >> d_lgn[t]) << d_lgm[t]) - d_ad0[t];
      for (int h = 0; h < 2; h++) begin
        for (int j = 0; j < MM; j++) begin
          a_raddr[((t*2+h)*MM+j)*AWA +: AWA] = AWA'(d_arow[t] + (h == 1 ? d_astr[t] : 32'd0) + off + 32'(j));
          a_ok[(t*2+h)*MM+j] = live && j < (1 << d_lgm[t]) && (h == 0 || d_hi[t]);
        end
      end
      for (int c = 0; c < CH; c++) begin
        logic [31:0] n;
        cs[c][t] = c == 0 ? 32'd0 : cs[c == 0 ? 0 : c - 1][t] + 32'(d_segs[t]);
        n = d_nbcol[t] + cs[c][t] + 32'(d_s[t]);
        b_raddr[(c*L+t)*AWB +: AWB] = AWB'(d_brow[t] + n);
        b_ok[c*L+t] = live && n < d_tn[t];
      end
    end
  end
  always_comb begin
    for (int t = 0; t < L; t++) begin
      for (int j = 0; j < MM; j++) begin
        act_lo[(t*MM+j)*W +: W] = a_ok[(t*2)*MM+j] ? a_rdata[((t*2)*MM+j)*W +: W] : '0;
        act_hi[(t*MM+j)*W +: W] = a_ok[(t*2+1)*MM+j] ? a_rdata[((t*2+1)*MM+j)*W +: W] : '0;
      end
    end
    for (int i = 0; i < CH * L; i++) wgt[i*EW +: EW] = b_ok[i] ? b_rdata[i*EW +: EW] : '0;
  end

  // Nodes and taps: node g works on descriptor 2g+2, its tap (the accumulators) on descriptor 2g+3. Stage
  // 2g+1 ends a segment when stage 2g+3 sits at position 1 of its segment (segments are whole groups).
  always_comb begin
    for (int g = 0; g < G; g++) begin
      nbrk[g] = d_seg[2*g+2] == 8'd2 ? d_u[2*g+2] == 8'd0 : d_u[2*g+2] == 8'd2;
      tap_end[g] = d_v[2*g+3] && d_u[2*g+3] == 8'd1 && d_s[2*g+3] <= d_segs[2*g+3];
      tap_s[g*8 +: 8] = d_s[2*g+3] - 8'd1;
      tap_first[g] = d_first[2*g+3];
      tap_last[g] = d_lastp[2*g+3];
      tap_fresh[g] = d_fresh[2*g+3];
      tap_packed[g] = d_pack[2*g+3];
      tap_hi[g] = d_hi[2*g+3];
      tap_segs[g*8 +: 8] = d_segs[2*g+3];
      tap_addr[g*32 +: 32] = d_crow[2*g+3] + d_nbcol[2*g+3];
      tap_cols[g*32 +: 32] = d_tn[2*g+3] - d_nbcol[2*g+3];
      tap_stride[g*32 +: 32] = d_cstr[2*g+3];
    end
  end

  logic in_flight;
  always_comb begin
    in_flight = 1'b0;
    for (int i = 1; i < DP; i++) in_flight = in_flight || d_v[i];
  end
  assign busy = active || (stream_end && in_flight);
  assign idle = !active && !in_flight;
  assign tile_ev = {7'd0, d_v[L+1] && d_lasti[L+1]};

  always_ff @(posedge clk) begin
    if (rst) begin
      active <= 1'b0;
      mp <= '0;
      nb <= '0;
      p <= '0;
    end else if (cmd_accept) begin
      active <= 1'b1;
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
      fresh <= cmd[13*32];
      pk <= cmd[13*32 + 3];
      lgn <= cmd[13*32 + 8 +: 4];
      lgm <= cmd[13*32 + 12 +: 4];
      k0 <= cw(14);
      seg <= cmd[15*32 +: 8];
      segs <= cmd[15*32 + 8 +: 8];
      nmp <= cw(16);
      nnb <= cw(17);
      npass <= cw(18);
      b_pstep <= cw(19);
      nb_step <= cw(20);
      a_mstep <= cw(21);
      c_mstep <= cw(22);
      mp <= '0;
      nb <= '0;
      p <= '0;
      kc0 <= '0;
      m0 <= '0;
      b_row0 <= cw(9);
      nbcol <= '0;
      a_row <= cw(6);
      c_row <= cw(11);
    end else if (active) begin
      if (last_item) begin
        active <= 1'b0;
      end else if (p + 1 == npass) begin
        p <= '0;
        kc0 <= '0;
        b_row0 <= b_base;
        if (nb + 1 == nnb) begin
          nb <= '0;
          nbcol <= '0;
          mp <= mp + 1;
          m0 <= m0 + (pk ? 32'd2 : 32'd1);
          a_row <= a_row + a_mstep;
          c_row <= c_row + c_mstep;
        end else begin
          nb <= nb + 1;
          nbcol <= nbcol + nb_step;
        end
      end else begin
        p <= p + 1;
        kc0 <= kc0 + 32'(seg);
        b_row0 <= b_row0 + b_pstep;
      end
    end
  end
endmodule
