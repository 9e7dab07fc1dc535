// Sparcade: the DMA engine of a layer engine. It takes the DMA instructions of the tile program in order (the
// controller offers one when its wait count is met) and turns each into one 2-D request on the DRAM port;
// up to Q requests are outstanding. Data moves in request order, `grant` elements a cycle as the DRAM port
// allows: a load writes them into the A or B buffer, a store reads the C (accumulator) buffer, rounds each
// sum to the layer's output width (arithmetic shift right, then saturation) and sends it, with the
// unrounded sum beside it for the testbench's check. Element i of a rows x cols block lands at
// buf_base + (i / cols) * buf_stride + i % cols. A finished load or store raises its event for one cycle.
// Instruction words: 0 op (0 end, 1 load A, 2 load B, 3 store C), 1 wait, 2 DRAM address, 3 rows, 4 cols,
// 5 DRAM row stride, 6 buffer base, 7 buffer row stride, 8 bits per element (DRAM bytes), 9 shift,
// 10 output bits.
module sc_dma #(
    parameter int LANES = 8,
    parameter int Q = 4,
    parameter int WA = 8,
    parameter int WB = 8,
    parameter int AWA = 10,
    parameter int AWB = 10,
    parameter int AWC = 10,
    parameter int IW = 24
) (
    input  logic                 clk,
    input  logic                 rst,
    input  logic                 instr_valid,
    input  logic [IW*32-1:0]     instr,
    output logic                 instr_accept,
    output logic                 req_valid,
    input  logic                 req_ready,
    output logic                 req_write,
    output logic [31:0]          req_addr,
    output logic [31:0]          req_rows,
    output logic [31:0]          req_cols,
    output logic [31:0]          req_stride,
    output logic [7:0]           req_bits,
    input  logic [31:0]          grant,
    input  logic [LANES*32-1:0]  rd_data,
    output logic [LANES*32-1:0]  wr_data,
    output logic [LANES*32-1:0]  wr_raw,
    output logic [LANES-1:0]     a_we,
    output logic [LANES*AWA-1:0] a_waddr,
    output logic [LANES*WA-1:0]  a_wdata,
    output logic [LANES-1:0]     b_we,
    output logic [LANES*AWB-1:0] b_waddr,
    output logic [LANES*WB-1:0]  b_wdata,
    output logic [LANES*AWC-1:0] c_raddr,
    input  logic [LANES*32-1:0]  c_rdata,
    output logic                 load_ev,
    output logic                 store_ev,
    output logic                 idle
);
  logic [1:0]  f_kind   [Q];
  logic [31:0] f_base   [Q];
  logic [31:0] f_stride [Q];
  logic [31:0] f_cols   [Q];
  logic [63:0] f_elems  [Q];
  logic [5:0]  f_shift  [Q];
  logic [5:0]  f_obits  [Q];
  logic [$clog2(Q+1)-1:0] count;
  logic [$clog2(Q)-1:0]   hd;
  logic [$clog2(Q)-1:0]   tl;
  logic [63:0] e;
  logic [63:0] e_pos;   // buffer address of element e of the head transfer (valid once e > 0)
  logic [31:0] e_col;   // its column
  logic        fin;

  logic [31:0] w [IW];
  for (genvar i = 0; i < IW; i++) begin : g_w
    assign w[i] = instr[i*32 +: 32];
  end

  assign req_valid = instr_valid && 32'(count) < Q;
  assign instr_accept = req_valid && req_ready;
  assign req_write = w[0] == 32'd3;
  assign req_addr = w[2];
  assign req_rows = w[3];
  assign req_cols = w[4];
  assign req_stride = w[5];
  assign req_bits = w[8][7:0];
  assign idle = count == 0;
  assign fin = count != 0 && grant != 0 && e + 64'(grant) == f_elems[hd];
  assign load_ev = fin && f_kind[hd] != 2'd3;
  assign store_ev = fin && f_kind[hd] == 2'd3;

  // Element e + j of the head transfer lands at lane_pos[j]: positions advance by one along a row and jump
  // by stride - cols + 1 at a row's end (adds only, no division).
  logic [63:0] lane_pos [LANES+1];
  logic [31:0] lane_col [LANES+1];
  always_comb begin
    lane_pos[0] = e == 0 ? 64'(f_base[hd]) : e_pos;
    lane_col[0] = e == 0 ? 32'd0 : e_col;
    for (int j = 1; j <= LANES; j++) begin
      if (lane_col[j-1] + 1 == f_cols[hd]) begin
        lane_pos[j] = lane_pos[j-1] + 64'(f_stride[hd]) - 64'(f_cols[hd]) + 1;
        lane_col[j] = '0;
      end else begin
        lane_pos[j] = lane_pos[j-1] + 1;
        lane_col[j] = lane_col[j-1] + 1;
      end
    end
  end

  // Buffer addresses of this cycle's elements (kept apart from the data read back, so no combinational loop).
  always_comb begin
    a_we = '0;
    b_we = '0;
    a_waddr = '0;
    b_waddr = '0;
    c_raddr = '0;
    for (int j = 0; j < LANES; j++) begin
      logic [63:0] p;
      p = count != 0 ? lane_pos[j] : 64'd0;
      a_waddr[j*AWA +: AWA] = AWA'(p);
      b_waddr[j*AWB +: AWB] = AWB'(p);
      c_raddr[j*AWC +: AWC] = AWC'(p);
      if (count != 0 && 32'(j) < grant) begin
        a_we[j] = f_kind[hd] == 2'd1;
        b_we[j] = f_kind[hd] == 2'd2;
      end
    end
  end
  always_comb begin
    wr_data = '0;
    wr_raw = '0;
    for (int j = 0; j < LANES; j++) begin
      logic signed [31:0] v;
      logic signed [31:0] s;
      logic signed [31:0] hi;
      a_wdata[j*WA +: WA] = rd_data[j*32 +: WA];
      b_wdata[j*WB +: WB] = rd_data[j*32 +: WB];
      v = c_rdata[j*32 +: 32];
      s = v >>> f_shift[hd];
      hi = (32'sd1 <<< (f_obits[hd] - 6'd1)) - 32'sd1;
      if (s > hi) s = hi;
      if (s < -hi - 32'sd1) s = -hi - 32'sd1;
      wr_data[j*32 +: 32] = s;
      wr_raw[j*32 +: 32] = v;
    end
  end

  always_ff @(posedge clk) begin
    if (rst) begin
      count <= '0;
      hd <= '0;
      tl <= '0;
      e <= '0;
    end else begin
      if (instr_accept) begin
        f_kind[tl] <= w[0][1:0];
        f_base[tl] <= w[6];
        f_stride[tl] <= w[7];
        f_cols[tl] <= w[4];
        f_elems[tl] <= 64'(w[3]) * 64'(w[4]);
        f_shift[tl] <= w[9][5:0];
        f_obits[tl] <= w[10][5:0];
        tl <= tl + 1'b1;
      end
      if (fin) begin
        e <= '0;
        hd <= hd + 1'b1;
      end else if (count != 0) begin
        e <= e + 64'(grant);
        e_pos <= lane_pos[grant];
        e_col <= lane_col[grant];
      end
      count <= count + (instr_accept ? 1'b1 : 1'b0) - (fin ? 1'b1 : 1'b0);
    end
  end
endmodule
