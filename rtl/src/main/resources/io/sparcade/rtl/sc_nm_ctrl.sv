// Sparcade: loader, step feeder and result read-back of the N:M PE array block (one output-stationary fold of
// the one N:M PE, sc_pe_os). Load: WORDS words shift in through in_valid/in_data; word 0 = mode (bit 0:
// 1 = N:M sparse), then the activations A[r][t] (R x K), then per column c the weight entries {index, value}
// of its steps (K words reserved per column). Compute: after start, step s = 0..T-1 (T = K*N/M sparse, K
// dense) is presented one per cycle with its flags to every row (the M activations of group s/N,
// A[r][(s/N)*M + j], sparse; A[r][s] on lane 0, dense) and to every column (entry s). The feeder reads fixed
// positions: each step shifts every column region by one word, and every row region by M words once every
// N steps (sparse) or by one word every step (dense), so no address arithmetic is needed.
module sc_nm_ctrl #(
    parameter int R = 2,
    parameter int C = 2,
    parameter int N = 2,
    parameter int M = 4,
    parameter int W = 8,
    parameter int K = 16,
    parameter int ACCW = 20
) (
    input  logic                               clk,
    input  logic                               rst,
    input  logic                               start,
    input  logic                               in_valid,
    input  logic [W+$clog2(M)-1:0]             in_data,
    input  logic [$clog2(R*C+1)-1:0]           out_addr,
    output logic [ACCW-1:0]                    out_data,
    output logic [R*3-1:0]                     row_flg,
    output logic [R*M*W-1:0]                   row_act,
    output logic [C*(W+$clog2(M))-1:0]         col_wgt,
    input  logic [R*C*ACCW-1:0]                accs
);
  localparam int IB = $clog2(M);
  localparam int EW = W + IB;
  localparam int ACT0 = 1;
  localparam int WGT0 = 1 + R * K;
  localparam int WORDS = 1 + R * K + C * K;
  localparam int TD = K;          // dense steps
  localparam int TS = K * N / M;  // sparse steps
  localparam int SB = $clog2(TD + 1);
  localparam int OB = $clog2(R * C + 1);

  logic [WORDS*EW-1:0] words;
  logic          sparse;
  logic          busy;
  logic [SB-1:0] step;
  logic [SB-1:0] last_step;
  logic          group_end;

  assign group_end = sparse ? (step % SB'(N)) == SB'(N - 1) : 1'b1;

  always_ff @(posedge clk) begin
    if (in_valid) begin
      words <= words >> EW;
      words[(WORDS-1)*EW +: EW] <= in_data;
    end else if (busy) begin
      if (group_end) begin
        for (int r = 0; r < R; r++) begin
          words[(ACT0+r*K)*EW +: K*EW] <= sparse ? words[(ACT0+r*K)*EW +: K*EW] >> (M * EW)
                                                 : words[(ACT0+r*K)*EW +: K*EW] >> EW;
        end
      end
      for (int c = 0; c < C; c++) begin
        words[(WGT0+c*K)*EW +: K*EW] <= words[(WGT0+c*K)*EW +: K*EW] >> EW;
      end
    end
  end

  assign last_step = words[0] ? SB'(TS - 1) : SB'(TD - 1);

  always_ff @(posedge clk) begin
    if (rst) begin
      busy <= 1'b0;
      step <= '0;
      sparse <= 1'b0;
    end else if (start) begin
      busy <= 1'b1;
      step <= '0;
      sparse <= words[0];
    end else if (busy) begin
      if (step == last_step) busy <= 1'b0;
      step <= step + 1'b1;
    end
  end

  always @* begin
    for (int r = 0; r < R; r++) begin
      // {last, first, valid}
      row_flg[r*3 +: 3] = {busy && step == last_step, busy && step == '0, busy};
      for (int j = 0; j < M; j++) begin
        row_act[(r*M+j)*W +: W] = (busy && (sparse || j == 0)) ? words[(ACT0+r*K+j)*EW +: W] : '0;
      end
    end
    for (int c = 0; c < C; c++) begin
      col_wgt[c*EW +: EW] = busy ? words[(WGT0+c*K)*EW +: EW] : '0;
    end
  end

  always @* begin
    out_data = '0;
    for (int i = 0; i < R * C; i++) begin
      if (out_addr == OB'(i)) out_data = accs[i*ACCW +: ACCW];
    end
  end
endmodule
