// Sparcade: loader, batch feeder, reduction-node taps and result capture of the sparse DSP chain (L = 2*G
// stages). Load: word 0 = mode (bit 0: 1 = N:M sparse); words 1..L = per stage {index, weight}; then the
// activation rows x[o][d] (R rows of XL words). Dense: one segment of L stages, stage t takes x[o][t] on
// lane 0. Sparse: N segments of S = L/N stages; stage t of segment s is nonzero u = t mod S of its row, in
// group g = u / N, and sees the M activations x[o][g*M + l]. A batch feeds rows o = base + s*PF + h
// (PF = 2 with packing, h = 0 low, 1 high); after each batch the activation region shifts by PF*SEG rows and
// base advances by PF*SEG (SEG = 1 dense, N sparse), so the feeder reads fixed positions. Results leave the
// chain L cycles after their batch entered and are captured one cycle later.
module sc_dsp_ctrl #(
    parameter int G = 2,
    parameter int N = 2,
    parameter int M = 4,
    parameter int PACK = 0,
    parameter int W = 8,
    parameter int R = 8,
    parameter int PW = 48
) (
    input  logic                          clk,
    input  logic                          rst,
    input  logic                          start,
    input  logic                          in_valid,
    input  logic [W+$clog2(M)-1:0]        in_data,
    input  logic [$clog2(R+1)-1:0]        out_addr,
    output logic [PW-1:0]                 out_data,
    output logic                          done,
    output logic [2*G*(W+$clog2(M))-1:0]  st_wgt,
    output logic [2*G-1:0]                st_brk,
    output logic [2*G*M*W-1:0]            st_lo,
    output logic [2*G*M*W-1:0]            st_hi,
    input  logic [N*PW-1:0]               seg_outs
);
  localparam int L = 2 * G;
  localparam int S = L / N;
  localparam int IB = $clog2(M);
  localparam int EW = W + IB;
  localparam int PF = PACK + 1;
  localparam int XLS = (S + N - 1) / N * M;
  localparam int XL = XLS > L ? XLS : L;
  localparam int X0 = 1 + L;
  localparam int WORDS = 1 + L + R * XL;
  localparam int OB = $clog2(R + PF * N + 1);
  localparam int RB = $clog2(R + 1);

  logic [WORDS*EW-1:0] words;
  logic                sparse;
  logic                busy;
  logic [OB-1:0]       base;
  logic                last;
  logic [R*PW-1:0]     results;

  assign last = busy && (base + (sparse ? OB'(PF * N) : OB'(PF)) >= OB'(R));

  always_ff @(posedge clk) begin
    if (in_valid) begin
      words <= words >> EW;
      words[(WORDS-1)*EW +: EW] <= in_data;
    end else if (busy) begin
      words[X0*EW +: R*XL*EW] <= sparse ? words[X0*EW +: R*XL*EW] >> (PF * N * XL * EW)
                                        : words[X0*EW +: R*XL*EW] >> (PF * XL * EW);
    end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      busy <= 1'b0;
      base <= '0;
      sparse <= 1'b0;
    end else if (start) begin
      busy <= 1'b1;
      base <= '0;
      sparse <= words[0];
    end else if (busy) begin
      if (last) busy <= 1'b0;
      base <= base + (sparse ? OB'(PF * N) : OB'(PF));
    end
  end

  // Feeder: per stage, its weight (static), its break point (by mode) and its activation lanes for this batch.
  always @* begin
    for (int t = 0; t < L; t++) begin
      st_wgt[t*EW +: EW] = words[(1+t)*EW +: EW];
      st_brk[t] = sparse ? (t % S == 0) : (t == 0);
      for (int h = 0; h < 2; h++) begin
        for (int l = 0; l < M; l++) begin
          logic [W-1:0] v;
          // Rows past the region (h >= PF, or beyond R) read word 0 and are zeroed: keeps every select in range.
          if (sparse) begin
            v = words[((((t / S) * PF + h) < R) ? X0 + ((t / S) * PF + h) * XL + ((t % S) / N) * M + l : 0)*EW +: W];
          end else begin
            v = l == 0 ? words[((h < R) ? X0 + h * XL + t : 0)*EW +: W] : '0;
          end
          if (!busy || h >= PF || (sparse ? (t / S) * PF + h : h) >= R) v = '0;
          if (h == 0) st_lo[(t*M+l)*W +: W] = v;
          else st_hi[(t*M+l)*W +: W] = v;
        end
      end
    end
  end

  // Reduction-node taps: seg_outs[s] is the output of the last stage of sparse segment s (stage (s+1)*S-1;
  // the dense result is segment N-1's, stage L-1), delayed to leave the chain with stage L-1.
  logic [N*PW-1:0] taps;
  for (genvar s = 0; s < N; s++) begin : g_tap
    localparam int E = (s + 1) * S - 1;
    localparam int D = L - 1 - E;
    if (D == 0) begin : g_direct
      assign taps[s*PW +: PW] = seg_outs[s*PW +: PW];
    end else begin : g_delayed
      sc_delay #(.WIDTH(PW), .DEPTH(D)) u_d (.clk(clk), .rst(rst), .d(seg_outs[s*PW +: PW]), .q(taps[s*PW +: PW]));
    end
  end

  logic          cap_valid;
  logic          cap_last;
  logic          cap_sparse;
  logic [OB-1:0] cap_base;
  sc_delay #(.WIDTH(OB + 3), .DEPTH(L)) u_track (
      .clk(clk), .rst(rst), .d({busy, last, sparse, base}), .q({cap_valid, cap_last, cap_sparse, cap_base}));

  // Unpacking of a packed result P = hi*2^17 + lo: lo is P's low 17 bits, sign-extended; hi = (P - lo) / 2^17.
  logic [2*N*PW-1:0] halves;
  for (genvar s = 0; s < N; s++) begin : g_half
    logic signed [PW-1:0] p;
    logic signed [PW-1:0] lo;
    assign p = taps[s*PW +: PW];
    assign lo = PACK != 0 ? PW'($signed(p[16:0])) : p;
    assign halves[(2*s)*PW +: PW] = lo;
    assign halves[(2*s+1)*PW +: PW] = (p - lo) >>> 17;
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      done <= 1'b0;
    end else begin
      if (start) done <= 1'b0;
      else if (cap_valid && cap_last) done <= 1'b1;
      if (cap_valid) begin
        for (int s = 0; s < N; s++) begin
          for (int h = 0; h < PF; h++) begin
            if (cap_sparse || s == N - 1) begin
              for (int i = 0; i < R; i++) begin
                if (cap_base + OB'(cap_sparse ? s * PF + h : h) == OB'(i)) results[i*PW +: PW] <= halves[(2*s+h)*PW +: PW];
              end
            end
          end
        end
      end
    end
  end

  always @* begin
    out_data = '0;
    for (int i = 0; i < R; i++) begin
      if (out_addr == RB'(i)) out_data = results[i*PW +: PW];
    end
  end
endmodule
