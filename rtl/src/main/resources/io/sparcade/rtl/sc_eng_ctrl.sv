// Sparcade: the tile-program controller of a layer engine (decoupled access/execute). Two instruction
// streams of IW words each, written through the program port before start: the DMA stream (loads and
// stores) and the compute stream (tiles). Three counters record finished loads, finished stores and
// finished tiles (a tile is finished when its results are in the accumulator buffer; tile_ev counts the
// tiles that retire in a cycle, in order). A DMA instruction is
// offered when tiles >= its word 1 (the tile that last used the buffer half it overwrites, or that produced
// the accumulators it stores); a compute instruction when loads >= its word 1 and stores >= its word 2.
// Opcode 0 ends a stream (stream_end: the compute stream has ended). done rises when both streams have
// ended, the DMA is idle and the compute unit has retired its last tile.
module sc_eng_ctrl #(
    parameter int PD = 256,
    parameter int IW = 24,
    parameter int PAW = 12
) (
    input  logic             clk,
    input  logic             rst,
    input  logic             prog_we,
    input  logic             prog_sel,
    input  logic [PAW-1:0]   prog_addr,
    input  logic [31:0]      prog_data,
    input  logic             start,
    output logic             dma_valid,
    output logic [IW*32-1:0] dma_instr,
    input  logic             dma_accept,
    output logic             cmp_valid,
    output logic [IW*32-1:0] cmp_instr,
    input  logic             cmp_accept,
    input  logic             load_ev,
    input  logic             store_ev,
    input  logic [7:0]       tile_ev,
    input  logic             dma_idle,
    input  logic             core_idle,
    output logic             stream_end,
    output logic             done
);
  logic [31:0] dprog [PD*IW];
  logic [31:0] cprog [PD*IW];
  logic [PAW-1:0] dpc;
  logic [PAW-1:0] cpc;
  logic [31:0] loads;
  logic [31:0] stores;
  logic [31:0] tiles;
  logic        running;

  always_ff @(posedge clk) begin
    if (prog_we) begin
      if (prog_sel) cprog[prog_addr] <= prog_data;
      else dprog[prog_addr] <= prog_data;
    end
  end

  for (genvar i = 0; i < IW; i++) begin : g_fetch
    assign dma_instr[i*32 +: 32] = dprog[dpc + PAW'(i)];
    assign cmp_instr[i*32 +: 32] = cprog[cpc + PAW'(i)];
  end

  logic dma_end;
  logic cmp_end;
  assign dma_end = dma_instr[31:0] == 32'd0;
  assign cmp_end = cmp_instr[31:0] == 32'd0;
  assign stream_end = running && cmp_end;
  assign dma_valid = running && !dma_end && tiles >= dma_instr[32 +: 32];
  assign cmp_valid = running && !cmp_end && loads >= cmp_instr[32 +: 32] && stores >= cmp_instr[64 +: 32];

  always_ff @(posedge clk) begin
    if (rst) begin
      dpc <= '0;
      cpc <= '0;
      loads <= '0;
      stores <= '0;
      tiles <= '0;
      running <= 1'b0;
      done <= 1'b0;
    end else if (start) begin
      dpc <= '0;
      cpc <= '0;
      loads <= '0;
      stores <= '0;
      tiles <= '0;
      running <= 1'b1;
      done <= 1'b0;
    end else begin
      if (dma_accept) dpc <= dpc + PAW'(IW);
      if (cmp_accept) cpc <= cpc + PAW'(IW);
      if (load_ev) loads <= loads + 1;
      if (store_ev) stores <= stores + 1;
      tiles <= tiles + 32'(tile_ev);
      if (running && dma_end && cmp_end && dma_idle && core_idle) begin
        running <= 1'b0;
        done <= 1'b1;
      end
    end
  end
endmodule
