// Sparcade: tile sequencer and feeders of a DSP-chain layer engine (CH chains of L = 2G stages). A tile issues
// one work item per cycle: an output row pair (PF = 2 rows sharing each weight when pk, else 1 row),
// a block of CH x S output columns (chain c computes columns c*S .. c*S+S-1 of the block, one per segment of
// seg stages) and a pass p over compressed k positions p*seg .. p*seg+seg-1; passes are innermost, so each
// segment accumulates its passes in place. All chains share the item's activations (a broadcast); each chain
// reads its own weights. The item's descriptor travels beside the cascade (D[t] describes the item stage t
// works on), so stage t reads its weight and activations for the item issued t cycles earlier, and the node
// of group g handles the item issued 2g+3 cycles earlier. Tile cycles: ceil(tm/PF) x ceil(tn/(CH*S)) x
// ceil(tk/seg); the next tile issues right after. An item's last sums are written L+1 cycles after it issued;
// busy marks the issue cycles and, once the compute stream has ended, the final drain. A tile retires when its
// last item's sums are written. Instruction words as sc_seq_ws's, and word 13 bit 3 pk, word 15 seg | S<<8.
module sc_csd_seq #(
    parameter int CH = 2,
    parameter int G = 4,
    parameter int MM = 16,
    parameter int W = 8,
    parameter int EW = 12,
    parameter int AWA = 10,
    parameter int AWB = 10,
    parameter int IW = 16
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
  logic [31:0] tm, tk, tn, a_base, a_stride, a_d0, b_base, b_stride, c_base, c_stride, k0;
  logic        fresh, pk;  // pk: INT8 packing
  logic [3:0]  lgn, lgm;
  logic [7:0]  seg, segs;
  logic [31:0] pf, nmp, nnb, npass, mp, nb, p;
  logic        last_item;
  logic        ready;

  function automatic logic [31:0] cw(input int i);
    return cmd[i*32 +: 32];
  endfunction

  assign pf = pk ? 32'd2 : 32'd1;
  assign nmp = (tm + pf - 1) / pf;
  assign nnb = (tn + 32'(CH) * 32'(segs) - 1) / (32'(CH) * 32'(segs));
  assign npass = (tk + 32'(seg) - 1) / 32'(seg);
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
  logic [31:0] d_m     [DP];
  logic [31:0] d_nb    [DP];
  logic [31:0] d_p     [DP];
  logic [31:0] d_tk    [DP];
  logic [31:0] d_tn    [DP];
  logic [31:0] d_abase [DP];
  logic [31:0] d_astr  [DP];
  logic [31:0] d_ad0   [DP];
  logic [31:0] d_k0    [DP];
  logic [31:0] d_bbase [DP];
  logic [31:0] d_bstr  [DP];
  logic [31:0] d_cbase [DP];
  logic [31:0] d_cstr  [DP];

  always_comb begin
    d_v[0] = active;
    d_lasti[0] = last_item;
    d_first[0] = p == 0;
    d_lastp[0] = p + 1 == npass;
    d_fresh[0] = fresh;
    d_pack[0] = pk;
    d_hi[0] = pk && mp * 2 + 1 < tm;
    d_lgn[0] = lgn;
    d_lgm[0] = lgm;
    d_seg[0] = seg;
    d_segs[0] = segs;
    d_m[0] = mp * pf;
    d_nb[0] = nb;
    d_p[0] = p;
    d_tk[0] = tk;
    d_tn[0] = tn;
    d_abase[0] = a_base;
    d_astr[0] = a_stride;
    d_ad0[0] = a_d0;
    d_k0[0] = k0;
    d_bbase[0] = b_base;
    d_bstr[0] = b_stride;
    d_cbase[0] = c_base;
    d_cstr[0] = c_stride;
  end

  always_ff @(posedge clk) begin
    for (int i = 1; i < DP; i++) begin
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
      d_m[i] <= d_m[i-1];
      d_nb[i] <= d_nb[i-1];
      d_p[i] <= d_p[i-1];
      d_tk[i] <= d_tk[i-1];
      d_tn[i] <= d_tn[i-1];
      d_abase[i] <= d_abase[i-1];
      d_astr[i] <= d_astr[i-1];
      d_ad0[i] <= d_ad0[i-1];
      d_k0[i] <= d_k0[i-1];
      d_bbase[i] <= d_bbase[i-1];
      d_bstr[i] <= d_bstr[i-1];
      d_cbase[i] <= d_cbase[i-1];
      d_cstr[i] <= d_cstr[i-1];
    end
  end

  // Feeders: stage t works on descriptor t. Addresses and live flags first, data after (no combinational loop).
  logic [2*G*MM*2-1:0] a_ok;
  logic [CH*2*G-1:0]   b_ok;
  always_comb begin
    a_raddr = '0;
    b_raddr = '0;
    a_ok = '0;
    b_ok = '0;
    brk = '0;
    for (int t = 0; t < L; t++) begin
      logic [31:0] sg;
      logic [31:0] s;
      logic [31:0] u;
      logic [31:0] kc;
      logic        live;
      logic [31:0] off;
      sg = 32'(d_seg[t]);
      s = 32'(t) / sg;
      u = 32'(t) % sg;
      kc = d_p[t] * sg + u;
      live = d_v[t] && s < 32'(d_segs[t]) && kc < d_tk[t];
      brk[t] = d_pack[t] ? (t % 2 == 0) : (u == 0);
      off = (((d_k0[t] + kc) >> d_lgn[t]) << d_lgm[t]) - d_ad0[t];
      for (int h = 0; h < 2; h++) begin
        for (int j = 0; j < MM; j++) begin
          a_raddr[((t*2+h)*MM+j)*AWA +: AWA] = AWA'(d_abase[t] + (d_m[t] + 32'(h)) * d_astr[t] + off + 32'(j));
          a_ok[(t*2+h)*MM+j] = live && j < (1 << d_lgm[t]) && (h == 0 || d_hi[t]);
        end
      end
      for (int c = 0; c < CH; c++) begin
        logic [31:0] n;
        n = d_nb[t] * 32'(CH) * 32'(d_segs[t]) + 32'(c) * 32'(d_segs[t]) + s;
        b_raddr[(c*L+t)*AWB +: AWB] = AWB'(d_bbase[t] + kc * d_bstr[t] + n);
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

  // Nodes and taps: node g works on descriptor 2g+2, its tap (the accumulators) on descriptor 2g+3.
  always_comb begin
    for (int g = 0; g < G; g++) begin
      logic [31:0] sg;
      logic [31:0] e;
      sg = 32'(d_seg[2*g+3]);
      e = 32'(2 * g + 2);
      nbrk[g] = (32'(2 * g) % 32'(d_seg[2*g+2])) == 0;
      tap_end[g] = d_v[2*g+3] && e % sg == 0 && e / sg <= 32'(d_segs[2*g+3]);
      tap_s[g*8 +: 8] = 8'(e / sg - 1);
      tap_first[g] = d_first[2*g+3];
      tap_last[g] = d_lastp[2*g+3];
      tap_fresh[g] = d_fresh[2*g+3];
      tap_packed[g] = d_pack[2*g+3];
      tap_hi[g] = d_hi[2*g+3];
      tap_segs[g*8 +: 8] = d_segs[2*g+3];
      tap_addr[g*32 +: 32] = d_cbase[2*g+3] + d_m[2*g+3] * d_cstr[2*g+3] + d_nb[2*g+3] * 32'(CH) * 32'(d_segs[2*g+3]);
      tap_cols[g*32 +: 32] = d_tn[2*g+3] - d_nb[2*g+3] * 32'(CH) * 32'(d_segs[2*g+3]);
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
      mp <= '0;
      nb <= '0;
      p <= '0;
    end else if (active) begin
      if (last_item) begin
        active <= 1'b0;
      end else if (p + 1 == npass) begin
        p <= '0;
        if (nb + 1 == nnb) begin
          nb <= '0;
          mp <= mp + 1;
        end else begin
          nb <= nb + 1;
        end
      end else begin
        p <= p + 1;
      end
    end
  end
endmodule
