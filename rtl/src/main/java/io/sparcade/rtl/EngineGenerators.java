package io.sparcade.rtl;

import static io.sparcade.rtl.ModuleBuilder.conns;
import static io.sparcade.rtl.ModuleBuilder.params;
import static io.sparcade.rtl.ModuleBuilder.slice;

import io.sparcade.model.arch.Dataflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the layer engines: the compute core as generated structure (PE grid, skew delay lines, the tag line
 * along the last row) around a leaf sequencer, and the engine top that joins the core to its buffers
 * ({@code sc_mem}), the DMA ({@code sc_dma}) and the tile-program controller ({@code sc_eng_ctrl}) behind the
 * {@link EngineShell} ports.
 */
public final class EngineGenerators {
    private EngineGenerators() {
    }

    /** Bits of the tag that travels with a stream step to the bottom of the array: see sc_seq_ws.sv. */
    static int tagBits(int cAddrBits) {
        return 3 + cAddrBits + 32;
    }

    /** Address bits of a memory of {@code depth} words, as the engines build them. */
    public static int bits(long depth) {
        return Math.max(1, RtlGenerators.clog2((int) Math.min(Integer.MAX_VALUE, depth)));
    }

    public static Design arrayEngine(ArrayEngineConfig c) {
        int r = c.rows();
        int cols = c.cols();
        int mm = c.mux();
        int w = c.width();
        int ew = c.weightBits();
        int acc = ArrayEngineConfig.ACC_BITS;
        int awa = bits(c.aDepth());
        int awb = bits(c.bDepth());
        int awc = bits(c.cDepth());
        int lanes = c.shell().lanes();
        Dataflow df = c.dataflow();
        int na = (df == Dataflow.IS ? cols : r) * mm;
        int nb = df == Dataflow.IS ? r : cols;
        int iw = EngineShell.INSTRUCTION_WORDS;
        int tagw = tagBits(awc);
        String seq = switch (df) {
            case OS -> "sc_seq_os";
            case WS -> "sc_seq_ws";
            case IS -> "sc_seq_is";
        };
        String pe = switch (df) {
            case OS -> "sc_pe_os";
            case WS -> "sc_pe_ws";
            case IS -> "sc_pe_is";
        };

        ModuleBuilder core = new ModuleBuilder("nm_array_core")
                .port(Port.in("clk", 1)).port(Port.in("rst", 1))
                .port(Port.in("cmd_valid", 1)).port(Port.in("cmd", iw * 32)).port(Port.out("cmd_accept", 1))
                .port(Port.out("busy", 1)).port(Port.out("idle", 1)).port(Port.out("tile_ev", 8))
                .port(Port.out("a_raddr", na * awa)).port(Port.in("a_rdata", na * w))
                .port(Port.out("b_raddr", nb * awb)).port(Port.in("b_rdata", nb * ew))
                .port(Port.out("c_we", cols)).port(Port.out("c_wadd", cols)).port(Port.out("c_waddr", cols * awc))
                .port(Port.out("c_wdata", cols * acc));
        List<Param> seqParams = new ArrayList<>(params("R", r, "C", cols, "MM", mm, "W", w, "EW", ew, "AWA", awa,
                "AWB", awb, "AWC", awc, "ACCW", acc, "IW", iw));
        String actW = String.valueOf(mm * w);
        switch (df) {
            case WS -> {
                core.net("row_act", r * mm * w).net("top_wgt", cols * ew).net("ld", 1).net("tag", tagw)
                        .net("bot_ps", cols * acc).net("bot_tag", cols * tagw);
                seqParams.addAll(params("TAGW", tagw));
                core.instance(seq, "u_seq", seqParams, sequencerConns("row_act", "top_wgt", "ld", "tag", "bot_ps", "bot_tag"));
                stationaryGrid(core, r, cols, mm * w, ew, acc, pe, w, mm, true);
                tagLine(core, r, cols, tagw, awc);
            }
            case IS -> {
                core.net("top_act", cols * mm * w).net("row_wgt", r * ew).net("ld", 1).net("tag", tagw)
                        .net("bot_ps", cols * acc).net("bot_tag", cols * tagw);
                seqParams.addAll(params("TAGW", tagw));
                core.instance(seq, "u_seq", seqParams, sequencerConns("top_act", "ld", "row_wgt", "tag", "bot_ps", "bot_tag"));
                stationaryGrid(core, r, cols, mm * w, ew, acc, pe, w, mm, false);
                tagLine(core, r, cols, tagw, awc);
            }
            case OS -> {
                core.net("row_act", r * mm * w).net("row_flg", r * 3).net("col_wgt", cols * ew).net("res", r * cols * acc);
                core.instance(seq, "u_seq", seqParams, sequencerConns("row_act", "row_flg", "col_wgt", "res"));
                for (int i = 0; i < r; i++) {
                    core.net("ra_" + i, mm * w).net("rf_" + i, 3);
                    delayOrAssign(core, "u_rskew_" + i, mm * w + 3, i,
                            "{" + slice("row_flg", i * 3, 3) + ", " + slice("row_act", i * mm * w, mm * w) + "}",
                            "{rf_" + i + ", ra_" + i + "}");
                }
                for (int j = 0; j < cols; j++) {
                    core.net("cw_" + j, ew);
                    delayOrAssign(core, "u_cskew_" + j, ew, j, slice("col_wgt", j * ew, ew), "cw_" + j);
                }
                for (int i = 0; i < r; i++) {
                    for (int j = 0; j < cols; j++) {
                        String id = i + "_" + j;
                        boolean lastCol = j == cols - 1;
                        boolean lastRow = i == r - 1;
                        String pa = (lastCol ? "unused_" : "") + "pa_" + id;
                        String pf = (lastCol ? "unused_" : "") + "pf_" + id;
                        String pw = (lastRow ? "unused_" : "") + "pw_" + id;
                        core.net(pa, mm * w).net(pf, 3).net(pw, ew);
                        String left = j == 0 ? null : i + "_" + (j - 1);
                        core.instance(pe, "u_pe_" + id, params("W", w, "M", mm, "ACCW", acc),
                                conns("clk", "clk", "rst", "rst",
                                        "flg_in", left == null ? "rf_" + i : "pf_" + left,
                                        "flg_out", pf,
                                        "act_in", left == null ? "ra_" + i : "pa_" + left,
                                        "act_out", pa,
                                        "wgt_in", i == 0 ? "cw_" + j : "pw_" + (i - 1) + "_" + j,
                                        "wgt_out", pw,
                                        "res", slice("res", (i * cols + j) * acc, acc)));
                    }
                }
            }
            default -> throw new IllegalStateException();
        }

        int paw = c.shell().programAddressBits();
        ModuleBuilder top = new ModuleBuilder("nm_engine_top");
        shellPorts(top, c.shell());
        top.net("dma_valid", 1).net("dma_instr", iw * 32).net("dma_accept", 1).net("cmp_valid", 1)
                .net("cmp_instr", iw * 32).net("cmp_accept", 1).net("load_ev", 1).net("store_ev", 1).net("tile_ev", 8)
                .net("dma_idle", 1).net("core_idle", 1).net("unused_stream_end", 1)
                .net("a_we", lanes).net("a_waddr", lanes * awa).net("a_wdata", lanes * w)
                .net("b_we", lanes).net("b_waddr", lanes * awb).net("b_wdata", lanes * ew)
                .net("c_raddr", lanes * awc).net("c_rdata", lanes * acc)
                .net("a_raddr", na * awa).net("a_rdata", na * w).net("b_raddr", nb * awb).net("b_rdata", nb * ew)
                .net("c_we", cols).net("c_wadd", cols).net("c_waddr", cols * awc).net("c_wdata", cols * acc);
        controlAndDma(top, c.shell(), w, ew, awa, awb, awc, "unused_stream_end");
        top.instance("sc_mem", "u_abuf", params("WIDTH", w, "DEPTH", c.aDepth(), "NR", na, "NW", lanes, "AW", awa, "ID", 0),
                conns("clk", "clk", "raddr", "a_raddr", "rdata", "a_rdata", "we", "a_we", "wadd", lanes + "'d0",
                        "waddr", "a_waddr", "wdata", "a_wdata"));
        top.instance("sc_mem", "u_bbuf", params("WIDTH", ew, "DEPTH", c.bDepth(), "NR", nb, "NW", lanes, "AW", awb, "ID", 1),
                conns("clk", "clk", "raddr", "b_raddr", "rdata", "b_rdata", "we", "b_we", "wadd", lanes + "'d0",
                        "waddr", "b_waddr", "wdata", "b_wdata"));
        top.instance("sc_mem", "u_cbuf", params("WIDTH", acc, "DEPTH", c.cDepth(), "NR", lanes, "NW", cols, "AW", awc, "ID", 2),
                conns("clk", "clk", "raddr", "c_raddr", "rdata", "c_rdata", "we", "c_we", "wadd", "c_wadd",
                        "waddr", "c_waddr", "wdata", "c_wdata"));
        top.instance("nm_array_core", "u_core", List.of(), conns("clk", "clk", "rst", "rst", "cmd_valid", "cmp_valid",
                "cmd", "cmp_instr", "cmd_accept", "cmp_accept", "busy", "busy", "idle", "core_idle", "tile_ev", "tile_ev",
                "a_raddr", "a_raddr", "a_rdata", "a_rdata", "b_raddr", "b_raddr", "b_rdata", "b_rdata",
                "c_we", "c_we", "c_wadd", "c_wadd", "c_waddr", "c_waddr", "c_wdata", "c_wdata"));
        List<String> leaves = new ArrayList<>(List.of("sc_delay.sv", "sc_nm_mac.sv", pe + ".sv", seq + ".sv", "sc_mem.sv",
                "sc_dma.sv", "sc_eng_ctrl.sv"));
        if (df != Dataflow.OS) {
            leaves.add(1, "sc_tag_step.sv");
        }
        return new Design(c.label(), "nm-array layer engine " + c, List.of(core.build(), top.build()), leaves, null);
    }

    /** The layer engine of a DSP-chain unit: CH sc_csd_chain chains fed by one sc_csd_seq. */
    public static Design chainEngine(ChainEngineConfig c) {
        int ch = c.chains();
        int g = c.groups();
        int l = 2 * g;
        int mm = c.mux();
        int w = c.width();
        int ew = c.weightBits();
        int awa = bits(c.aDepth());
        int awb = bits(c.bDepth());
        int awc = bits(c.cDepth());
        int lanes = c.shell().lanes();
        int iw = EngineShell.INSTRUCTION_WORDS;
        int na = l * mm * 2;
        int nb = ch * l;
        int nc = ch * 2 * g;
        ModuleBuilder core = new ModuleBuilder("csd_core")
                .port(Port.in("clk", 1)).port(Port.in("rst", 1))
                .port(Port.in("cmd_valid", 1)).port(Port.in("cmd", iw * 32)).port(Port.out("cmd_accept", 1))
                .port(Port.in("stream_end", 1))
                .port(Port.out("busy", 1)).port(Port.out("idle", 1)).port(Port.out("tile_ev", 8))
                .port(Port.out("a_raddr", na * awa)).port(Port.in("a_rdata", na * w))
                .port(Port.out("b_raddr", nb * awb)).port(Port.in("b_rdata", nb * ew))
                .port(Port.out("c_we", nc)).port(Port.out("c_wadd", nc)).port(Port.out("c_waddr", nc * awc))
                .port(Port.out("c_wdata", nc * 32))
                .net("brk", l).net("wgt", nb * ew).net("act_lo", l * mm * w).net("act_hi", l * mm * w).net("nbrk", g)
                .net("tap_end", g).net("tap_s", g * 8).net("tap_first", g).net("tap_last", g).net("tap_fresh", g)
                .net("tap_packed", g).net("tap_hi", g).net("tap_segs", g * 8).net("tap_addr", g * 32).net("tap_cols", g * 32)
                .net("tap_stride", g * 32);
        core.instance("sc_csd_seq", "u_seq", params("CH", ch, "G", g, "MM", mm, "W", w, "EW", ew, "AWA", awa, "AWB", awb,
                "IW", iw), conns("clk", "clk", "rst", "rst", "cmd_valid", "cmd_valid", "cmd", "cmd", "cmd_accept", "cmd_accept",
                "stream_end", "stream_end", "busy", "busy", "idle", "idle", "tile_ev", "tile_ev", "a_raddr", "a_raddr",
                "a_rdata", "a_rdata", "b_raddr", "b_raddr", "b_rdata", "b_rdata", "brk", "brk", "wgt", "wgt",
                "act_lo", "act_lo", "act_hi", "act_hi", "nbrk", "nbrk", "tap_end", "tap_end", "tap_s", "tap_s",
                "tap_first", "tap_first", "tap_last", "tap_last", "tap_fresh", "tap_fresh", "tap_packed", "tap_packed",
                "tap_hi", "tap_hi", "tap_segs", "tap_segs", "tap_addr", "tap_addr", "tap_cols", "tap_cols",
                "tap_stride", "tap_stride"));
        // chain i's first column of a block: i x S, passed along the chains
        core.net("cs_0", g * 32).assign("cs_0", (g * 32) + "'d0");
        for (int i = 0; i < ch; i++) {
            String csOut = i == ch - 1 ? "unused_cs" : "cs_" + (i + 1);
            core.net(csOut, g * 32);
            core.instance("sc_csd_chain", "u_chain_" + i, params("G", g, "M", mm, "W", w, "AWC", awc),
                    conns("clk", "clk", "rst", "rst", "brk", "brk", "wgt", slice("wgt", i * l * ew, l * ew),
                            "act_lo", "act_lo", "act_hi", "act_hi", "nbrk", "nbrk", "tap_end", "tap_end", "tap_s", "tap_s",
                            "tap_first", "tap_first", "tap_last", "tap_last", "tap_fresh", "tap_fresh",
                            "tap_packed", "tap_packed", "tap_hi", "tap_hi", "tap_segs", "tap_segs", "cs_in", "cs_" + i,
                            "tap_addr", "tap_addr", "tap_cols", "tap_cols", "tap_stride", "tap_stride", "cs_out", csOut,
                            "c_we", slice("c_we", i * 2 * g, 2 * g), "c_wadd", slice("c_wadd", i * 2 * g, 2 * g),
                            "c_waddr", slice("c_waddr", i * 2 * g * awc, 2 * g * awc),
                            "c_wdata", slice("c_wdata", i * 2 * g * 32, 2 * g * 32)));
        }
        ModuleBuilder top = new ModuleBuilder("csd_engine_top");
        shellPorts(top, c.shell());
        top.net("dma_valid", 1).net("dma_instr", iw * 32).net("dma_accept", 1).net("cmp_valid", 1)
                .net("cmp_instr", iw * 32).net("cmp_accept", 1).net("load_ev", 1).net("store_ev", 1).net("tile_ev", 8)
                .net("dma_idle", 1).net("core_idle", 1).net("stream_end", 1)
                .net("a_we", lanes).net("a_waddr", lanes * awa).net("a_wdata", lanes * w)
                .net("b_we", lanes).net("b_waddr", lanes * awb).net("b_wdata", lanes * ew)
                .net("c_raddr", lanes * awc).net("c_rdata", lanes * 32)
                .net("a_raddr", na * awa).net("a_rdata", na * w).net("b_raddr", nb * awb).net("b_rdata", nb * ew)
                .net("c_we", nc).net("c_wadd", nc).net("c_waddr", nc * awc).net("c_wdata", nc * 32);
        controlAndDma(top, c.shell(), w, ew, awa, awb, awc, "stream_end");
        top.instance("sc_mem", "u_abuf", params("WIDTH", w, "DEPTH", c.aDepth(), "NR", na, "NW", lanes, "AW", awa, "ID", 0),
                conns("clk", "clk", "raddr", "a_raddr", "rdata", "a_rdata", "we", "a_we", "wadd", lanes + "'d0",
                        "waddr", "a_waddr", "wdata", "a_wdata"));
        top.instance("sc_mem", "u_bbuf", params("WIDTH", ew, "DEPTH", c.bDepth(), "NR", nb, "NW", lanes, "AW", awb, "ID", 1),
                conns("clk", "clk", "raddr", "b_raddr", "rdata", "b_rdata", "we", "b_we", "wadd", lanes + "'d0",
                        "waddr", "b_waddr", "wdata", "b_wdata"));
        top.instance("sc_mem", "u_cbuf", params("WIDTH", 32, "DEPTH", c.cDepth(), "NR", lanes, "NW", nc, "AW", awc, "ID", 2),
                conns("clk", "clk", "raddr", "c_raddr", "rdata", "c_rdata", "we", "c_we", "wadd", "c_wadd",
                        "waddr", "c_waddr", "wdata", "c_wdata"));
        top.instance("csd_core", "u_core", List.of(), conns("clk", "clk", "rst", "rst", "cmd_valid", "cmp_valid",
                "cmd", "cmp_instr", "cmd_accept", "cmp_accept", "stream_end", "stream_end", "busy", "busy",
                "idle", "core_idle", "tile_ev", "tile_ev", "a_raddr", "a_raddr", "a_rdata", "a_rdata",
                "b_raddr", "b_raddr", "b_rdata", "b_rdata", "c_we", "c_we", "c_wadd", "c_wadd", "c_waddr", "c_waddr",
                "c_wdata", "c_wdata"));
        return new Design(c.label(), "dsp-chain layer engine " + c, List.of(core.build(), top.build()),
                List.of("sc_csd_stage.sv", "sc_csd_chain.sv", "sc_csd_seq.sv", "sc_mem.sv", "sc_dma.sv", "sc_eng_ctrl.sv"), null);
    }

    /** The layer engine of a quick-select top-k unit: sc_topk_core over the A (scores) and C (indices) buffers. */
    public static Design topkEngine(TopkEngineConfig c) {
        int p = c.lanes();
        int w = c.width();
        int awa = bits(c.aDepth());
        int awc = bits(c.cDepth());
        int lanes = c.shell().lanes();
        int iw = EngineShell.INSTRUCTION_WORDS;
        ModuleBuilder top = new ModuleBuilder("topk_engine_top");
        shellPorts(top, c.shell());
        top.net("dma_valid", 1).net("dma_instr", iw * 32).net("dma_accept", 1).net("cmp_valid", 1)
                .net("cmp_instr", iw * 32).net("cmp_accept", 1).net("load_ev", 1).net("store_ev", 1).net("tile_ev", 8)
                .net("dma_idle", 1).net("core_idle", 1).net("unused_stream_end", 1)
                .net("a_we", lanes).net("a_waddr", lanes * awa).net("a_wdata", lanes * w)
                .net("unused_b_we", lanes).net("unused_b_waddr", lanes).net("unused_b_wdata", lanes)
                .net("c_raddr", lanes * awc).net("c_rdata", lanes * 32)
                .net("a_raddr", (p + 1) * awa).net("a_rdata", (p + 1) * w)
                .net("c_we", p).net("c_wadd", p).net("c_waddr", p * awc).net("c_wdata", p * 32);
        int iwIgnored = iw;
        top.instance("sc_eng_ctrl", "u_ctrl", params("PD", c.shell().programDepth(), "IW", iwIgnored, "PAW",
                        c.shell().programAddressBits()),
                conns("clk", "clk", "rst", "rst", "prog_we", "prog_we", "prog_sel", "prog_sel", "prog_addr", "prog_addr",
                        "prog_data", "prog_data", "start", "start", "dma_valid", "dma_valid", "dma_instr", "dma_instr",
                        "dma_accept", "dma_accept", "cmp_valid", "cmp_valid", "cmp_instr", "cmp_instr",
                        "cmp_accept", "cmp_accept", "load_ev", "load_ev", "store_ev", "store_ev", "tile_ev", "tile_ev",
                        "dma_idle", "dma_idle", "core_idle", "core_idle", "stream_end", "unused_stream_end", "done", "done"));
        top.instance("sc_dma", "u_dma", params("LANES", lanes, "Q", EngineShell.QUEUE, "WA", w, "WB", 1, "AWA", awa,
                        "AWB", 1, "AWC", awc, "IW", iw),
                conns("clk", "clk", "rst", "rst", "instr_valid", "dma_valid", "instr", "dma_instr", "instr_accept", "dma_accept",
                        "req_valid", "req_valid", "req_ready", "req_ready", "req_write", "req_write", "req_addr", "req_addr",
                        "req_rows", "req_rows", "req_cols", "req_cols", "req_stride", "req_stride", "req_bits", "req_bits",
                        "grant", "grant", "rd_data", "rd_data", "wr_data", "wr_data", "wr_raw", "wr_raw",
                        "a_we", "a_we", "a_waddr", "a_waddr", "a_wdata", "a_wdata", "b_we", "unused_b_we",
                        "b_waddr", "unused_b_waddr", "b_wdata", "unused_b_wdata", "c_raddr", "c_raddr", "c_rdata", "c_rdata",
                        "load_ev", "load_ev", "store_ev", "store_ev", "idle", "dma_idle"));
        top.instance("sc_mem", "u_abuf", params("WIDTH", w, "DEPTH", c.aDepth(), "NR", p + 1, "NW", lanes, "AW", awa, "ID", 0),
                conns("clk", "clk", "raddr", "a_raddr", "rdata", "a_rdata", "we", "a_we", "wadd", lanes + "'d0",
                        "waddr", "a_waddr", "wdata", "a_wdata"));
        top.instance("sc_mem", "u_cbuf", params("WIDTH", 32, "DEPTH", c.cDepth(), "NR", lanes, "NW", p, "AW", awc, "ID", 2),
                conns("clk", "clk", "raddr", "c_raddr", "rdata", "c_rdata", "we", "c_we", "wadd", "c_wadd",
                        "waddr", "c_waddr", "wdata", "c_wdata"));
        top.instance("sc_topk_core", "u_core", params("P", p, "W", w, "NMAX", c.rowCapacity(), "AWA", awa, "AWC", awc, "IW", iw),
                conns("clk", "clk", "rst", "rst", "cmd_valid", "cmp_valid", "cmd", "cmp_instr", "cmd_accept", "cmp_accept",
                        "busy", "busy", "idle", "core_idle", "tile_ev", "tile_ev", "a_raddr", "a_raddr", "a_rdata", "a_rdata",
                        "c_we", "c_we", "c_wadd", "c_wadd", "c_waddr", "c_waddr", "c_wdata", "c_wdata"));
        return new Design(c.label(), "top-k layer engine " + c, List.of(top.build()),
                List.of("sc_mem.sv", "sc_topk_core.sv", "sc_dma.sv", "sc_eng_ctrl.sv"), null);
    }

    /** The PE grid of a stationary dataflow (WS: weights stationary, activations stream right; IS: the reverse). */
    /**
     * The array sequencer's connections, each port to the core's net of the same name: the command, status and A/B
     * read ports every dataflow has, then the dataflow's own ({@code own}), then the C write ports.
     */
    private static Map<String, String> sequencerConns(String... own) {
        List<String> names = new ArrayList<>(List.of("clk", "rst", "cmd_valid", "cmd", "cmd_accept", "busy", "idle",
                "tile_ev", "a_raddr", "a_rdata", "b_raddr", "b_rdata"));
        names.addAll(List.of(own));
        names.addAll(List.of("c_we", "c_wadd", "c_waddr", "c_wdata"));
        Map<String, String> m = new java.util.LinkedHashMap<>();
        names.forEach(n -> m.put(n, n));
        return m;
    }

    private static void stationaryGrid(ModuleBuilder core, int r, int cols, int actW, int ew, int acc, String pe, int w,
                                       int mm, boolean ws) {
        // The streamed operand of row i enters i cycles late.
        String streamed = ws ? "row_act" : "row_wgt";
        int sw = ws ? actW : ew;
        for (int i = 0; i < r; i++) {
            core.net("rs_" + i, sw);
            delayOrAssign(core, "u_rskew_" + i, sw, i, slice(streamed, i * sw, sw), "rs_" + i);
        }
        String top = ws ? "top_wgt" : "top_act";
        int tw = ws ? ew : actW;
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < cols; j++) {
                String id = i + "_" + j;
                boolean lastCol = j == cols - 1;
                boolean lastRow = i == r - 1;
                String ps = "ps_" + id;
                String st = (lastRow ? "unused_" : "") + "st_" + id;   // stationary operand shifting down
                String sm = (lastCol ? "unused_" : "") + "sm_" + id;   // streamed operand passing right
                core.net(ps, acc).net(st, tw).net(sm, sw);
                String left = j == 0 ? "rs_" + i : "sm_" + i + "_" + (j - 1);
                String above = i == 0 ? slice(top, j * tw, tw) : "st_" + (i - 1) + "_" + j;
                String psIn = i == 0 ? acc + "'d0" : "ps_" + (i - 1) + "_" + j;
                if (ws) {
                    core.instance(pe, "u_pe_" + id, params("W", w, "M", mm, "ACCW", acc),
                            conns("clk", "clk", "rst", "rst", "ld", "ld", "wgt_in", above, "wgt_out", st,
                                    "act_in", left, "act_out", sm, "ps_in", psIn, "ps_out", ps));
                } else {
                    core.instance(pe, "u_pe_" + id, params("W", w, "M", mm, "ACCW", acc),
                            conns("clk", "clk", "rst", "rst", "ld", "ld", "act_in", above, "act_out", st,
                                    "wgt_in", left, "wgt_out", sm, "ps_in", psIn, "ps_out", ps));
                }
            }
        }
        for (int j = 0; j < cols; j++) {
            core.assign(slice("bot_ps", j * acc, acc), "ps_" + (r - 1) + "_" + j);
        }
    }

    /**
     * The step tag: it enters with row 0's operands and reaches the bottom of column j when that column's sum
     * for the step leaves the last row, R + j cycles later; each column stage advances its C address by the
     * tag's stride (sc_tag_step).
     */
    private static void tagLine(ModuleBuilder core, int r, int cols, int tagw, int awc) {
        core.net("tg_0", tagw);
        delayOrAssign(core, "u_tag_0", tagw, r, "tag", "tg_0");
        for (int j = 1; j < cols; j++) {
            core.net("tg_" + j, tagw);
            core.instance("sc_tag_step", "u_tag_" + j, params("AWC", awc, "TAGW", tagw),
                    conns("clk", "clk", "rst", "rst", "d", "tg_" + (j - 1), "q", "tg_" + j));
        }
        for (int j = 0; j < cols; j++) {
            core.assign(slice("bot_tag", j * tagw, tagw), "tg_" + j);
        }
    }

    static void shellPorts(ModuleBuilder top, EngineShell s) {
        int lanes = s.lanes();
        top.port(Port.in("clk", 1)).port(Port.in("rst", 1))
                .port(Port.in("prog_we", 1)).port(Port.in("prog_sel", 1)).port(Port.in("prog_addr", s.programAddressBits()))
                .port(Port.in("prog_data", 32)).port(Port.in("start", 1)).port(Port.out("done", 1)).port(Port.out("busy", 1))
                .port(Port.out("req_valid", 1)).port(Port.in("req_ready", 1)).port(Port.out("req_write", 1))
                .port(Port.out("req_addr", 32)).port(Port.out("req_rows", 32)).port(Port.out("req_cols", 32))
                .port(Port.out("req_stride", 32)).port(Port.out("req_bits", 8)).port(Port.in("grant", 32))
                .port(Port.in("rd_data", lanes * 32)).port(Port.out("wr_data", lanes * 32)).port(Port.out("wr_raw", lanes * 32));
    }

    static void controlAndDma(ModuleBuilder top, EngineShell s, int wa, int wb, int awa, int awb, int awc,
                              String streamEnd) {
        int iw = EngineShell.INSTRUCTION_WORDS;
        top.instance("sc_eng_ctrl", "u_ctrl", params("PD", s.programDepth(), "IW", iw, "PAW", s.programAddressBits()),
                conns("clk", "clk", "rst", "rst", "prog_we", "prog_we", "prog_sel", "prog_sel", "prog_addr", "prog_addr",
                        "prog_data", "prog_data", "start", "start", "dma_valid", "dma_valid", "dma_instr", "dma_instr",
                        "dma_accept", "dma_accept", "cmp_valid", "cmp_valid", "cmp_instr", "cmp_instr",
                        "cmp_accept", "cmp_accept", "load_ev", "load_ev", "store_ev", "store_ev", "tile_ev", "tile_ev",
                        "dma_idle", "dma_idle", "core_idle", "core_idle", "stream_end", streamEnd, "done", "done"));
        top.instance("sc_dma", "u_dma", params("LANES", s.lanes(), "Q", EngineShell.QUEUE, "WA", wa, "WB", wb, "AWA", awa,
                        "AWB", awb, "AWC", awc, "IW", iw),
                conns("clk", "clk", "rst", "rst", "instr_valid", "dma_valid", "instr", "dma_instr", "instr_accept", "dma_accept",
                        "req_valid", "req_valid", "req_ready", "req_ready", "req_write", "req_write", "req_addr", "req_addr",
                        "req_rows", "req_rows", "req_cols", "req_cols", "req_stride", "req_stride", "req_bits", "req_bits",
                        "grant", "grant", "rd_data", "rd_data", "wr_data", "wr_data", "wr_raw", "wr_raw",
                        "a_we", "a_we", "a_waddr", "a_waddr", "a_wdata", "a_wdata", "b_we", "b_we", "b_waddr", "b_waddr",
                        "b_wdata", "b_wdata", "c_raddr", "c_raddr", "c_rdata", "c_rdata", "load_ev", "load_ev",
                        "store_ev", "store_ev", "idle", "dma_idle"));
    }

    static void delayOrAssign(ModuleBuilder b, String inst, int width, int depth, String d, String q) {
        if (depth == 0) {
            b.assign(q, d);
        } else {
            b.instance("sc_delay", inst, params("WIDTH", width, "DEPTH", depth),
                    conns("clk", "clk", "rst", "rst", "d", d, "q", q));
        }
    }
}
