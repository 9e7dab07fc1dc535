package io.sparcade.rtl;

import static io.sparcade.rtl.ModuleBuilder.conns;
import static io.sparcade.rtl.ModuleBuilder.params;
import static io.sparcade.rtl.ModuleBuilder.slice;

import io.sparcade.model.block.BlockConfig;
import io.sparcade.model.block.DspChainConfig;
import io.sparcade.model.block.NmArrayConfig;
import io.sparcade.model.block.TopkConfig;
import java.util.List;

/**
 * Builds the {@link Design} of each block family. The tops are generated structure (PE grid, skew delay
 * lines, DSP cascade); the leaves are the {@code sc_*.sv} resources. Input word layouts are documented in the
 * control leaves and mirrored by the testbench encoders.
 */
public final class RtlGenerators {
    /** Cascade width of the DSP chain: the 48-bit P register of a DSP48. */
    public static final int DSP_P_WIDTH = 48;

    private RtlGenerators() {
    }

    public static Design generate(BlockConfig config) {
        if (config instanceof NmArrayConfig c) {
            return nmArray(c);
        }
        if (config instanceof TopkConfig c) {
            return topk(c);
        }
        return dspChain((DspChainConfig) config);
    }

    /** ceil(log2(v)) for v >= 1, as SystemVerilog's $clog2. */
    static int clog2(int v) {
        return v <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(v - 1);
    }

    static Design nmArray(NmArrayConfig c) {
        int r = c.rows();
        int cols = c.cols();
        int w = c.width();
        int ew = w + c.indexBits();
        int acc = c.accBits();
        int ob = clog2(r * cols + 1);
        int actW = c.m() * w;
        ModuleBuilder b = new ModuleBuilder("nm_array_top")
                .port(Port.in("clk", 1)).port(Port.in("rst", 1)).port(Port.in("start", 1))
                .port(Port.in("in_valid", 1)).port(Port.in("in_data", ew)).port(Port.in("out_addr", ob))
                .port(Port.out("out_data", acc)).port(Port.out("done", 1))
                .net("row_flg", r * 3).net("row_act", r * actW).net("col_wgt", cols * ew).net("accs", r * cols * acc);
        b.instance("sc_nm_ctrl", "u_ctrl",
                params("R", r, "C", cols, "N", c.n(), "M", c.m(), "W", w, "K", c.depth(), "ACCW", acc),
                conns("clk", "clk", "rst", "rst", "start", "start", "in_valid", "in_valid", "in_data", "in_data",
                        "out_addr", "out_addr", "out_data", "out_data", "row_flg", "row_flg", "row_act", "row_act",
                        "col_wgt", "col_wgt", "accs", "accs"));
        // Skew: row i enters i cycles late, column j enters j cycles late, so step s meets in PE (i,j) at s+i+j.
        for (int i = 0; i < r; i++) {
            b.net("rf_" + i, 3).net("ra_" + i, actW);
            delayOrAssign(b, "u_rskew_" + i, actW + 3, i, "{" + slice("row_flg", i * 3, 3) + ", "
                    + slice("row_act", i * actW, actW) + "}", "{rf_" + i + ", ra_" + i + "}");
        }
        for (int j = 0; j < cols; j++) {
            b.net("cw_" + j, ew);
            delayOrAssign(b, "u_cskew_" + j, ew, j, slice("col_wgt", j * ew, ew), "cw_" + j);
        }
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < cols; j++) {
                String id = i + "_" + j;
                boolean lastCol = j == cols - 1;
                boolean lastRow = i == r - 1;
                boolean corner = lastCol && lastRow;
                String pa = (lastCol ? "unused_" : "") + "pa_" + id;
                String pf = (lastCol && !corner ? "unused_" : "") + "pf_" + id;
                String pw = (lastRow ? "unused_" : "") + "pw_" + id;
                b.net(pa, actW).net(pf, 3).net(pw, ew);
                String left = j == 0 ? null : i + "_" + (j - 1);
                b.instance("sc_pe_os", "u_pe_" + id, params("W", w, "M", c.m(), "ACCW", acc),
                        conns("clk", "clk", "rst", "rst",
                                "flg_in", left == null ? "rf_" + i : "pf_" + left, "flg_out", pf,
                                "act_in", left == null ? "ra_" + i : "pa_" + left, "act_out", pa,
                                "wgt_in", i == 0 ? "cw_" + j : "pw_" + (i - 1) + "_" + j, "wgt_out", pw,
                                "res", slice("accs", (i * cols + j) * acc, acc)));
            }
        }
        // The corner PE's last flag leaves it with its result: the fold is done.
        String corner = "pf_" + (r - 1) + "_" + (cols - 1);
        b.net("unused_cf", 2).assign("{done, unused_cf}", corner);
        int inWords = 1 + r * c.depth() + cols * c.depth();
        return Design.of(c, List.of(b.build()), List.of("sc_delay.sv", "sc_nm_mac.sv", "sc_pe_os.sv", "sc_nm_ctrl.sv"),
                new StreamInterface(ew, acc, true, ob, inWords, r * cols));
    }

    static Design topk(TopkConfig c) {
        int ab = clog2(c.k() + 1);
        int ib = clog2(c.len());
        ModuleBuilder b = new ModuleBuilder("topk_top")
                .port(Port.in("clk", 1)).port(Port.in("rst", 1)).port(Port.in("start", 1))
                .port(Port.in("in_valid", 1)).port(Port.in("in_data", c.width())).port(Port.in("out_addr", ab))
                .port(Port.out("out_data", ib)).port(Port.out("done", 1));
        b.instance("sc_topk_engine", "u_engine", params("P", c.p(), "LEN", c.len(), "K", c.k(), "W", c.width()),
                conns("clk", "clk", "rst", "rst", "start", "start", "in_valid", "in_valid", "in_data", "in_data",
                        "out_addr", "out_addr", "out_data", "out_data", "done", "done"));
        return Design.of(c, List.of(b.build()), List.of("sc_topk_engine.sv"),
                new StreamInterface(c.width(), ib, false, ab, c.len(), c.k()));
    }

    static Design dspChain(DspChainConfig c) {
        int l = c.stages();
        int w = c.width();
        int ew = w + c.indexBits();
        int pw = DSP_P_WIDTH;
        int laneW = c.m() * w;
        int ob = clog2(c.outputs() + 1);
        ModuleBuilder b = new ModuleBuilder("dsp_chain_top")
                .port(Port.in("clk", 1)).port(Port.in("rst", 1)).port(Port.in("start", 1))
                .port(Port.in("in_valid", 1)).port(Port.in("in_data", ew)).port(Port.in("out_addr", ob))
                .port(Port.out("out_data", pw)).port(Port.out("done", 1))
                .net("st_wgt", l * ew).net("st_brk", l).net("st_lo", l * laneW).net("st_hi", l * laneW)
                .net("pouts", l * pw);
        b.instance("sc_dsp_ctrl", "u_ctrl",
                params("G", c.groups(), "N", c.n(), "M", c.m(), "PACK", c.pack(), "W", w, "R", c.outputs(), "PW", pw),
                conns("clk", "clk", "rst", "rst", "start", "start", "in_valid", "in_valid", "in_data", "in_data",
                        "out_addr", "out_addr", "out_data", "out_data", "done", "done", "st_wgt", "st_wgt",
                        "st_brk", "st_brk", "st_lo", "st_lo", "st_hi", "st_hi", "seg_outs", segmentOutputs(c, pw)));
        for (int t = 0; t < l; t++) {
            // Stage t adds its product to the partial sum t cycles after the batch entered: skew its operands.
            b.net("sl_" + t, laneW).net("sh_" + t, laneW);
            delayOrAssign(b, "u_skew_" + t, 2 * laneW, t,
                    "{" + slice("st_lo", t * laneW, laneW) + ", " + slice("st_hi", t * laneW, laneW) + "}",
                    "{sl_" + t + ", sh_" + t + "}");
            b.instance("sc_dsp_stage", "u_dsp_" + t, params("W", w, "M", c.m(), "PACK", c.pack(), "PW", pw),
                    conns("clk", "clk", "rst", "rst", "brk", "st_brk[" + t + "]", "wgt", slice("st_wgt", t * ew, ew),
                            "act_lo", "sl_" + t, "act_hi", "sh_" + t,
                            "pcin", t == 0 ? pw + "'d0" : slice("pouts", (t - 1) * pw, pw),
                            "pout", slice("pouts", t * pw, pw)));
        }
        int inWords = 1 + l + c.outputs() * Math.max(c.activationsPerRow(false), c.activationsPerRow(true));
        return Design.of(c, List.of(b.build()), List.of("sc_delay.sv", "sc_dsp_stage.sv", "sc_dsp_ctrl.sv"),
                new StreamInterface(ew, pw, true, ob, inWords, c.outputs()));
    }

    /** Bit {@code i} of a net of {@code width} bits (a scalar net is its own bit 0). */
    private static String bit(String net, int i, int width) {
        return width == 1 ? net : net + "[" + i + "]";
    }

    /** The last stage of each sparse segment, highest segment first: {@code {pouts[..], ...}}. */
    private static String segmentOutputs(DspChainConfig c, int pw) {
        StringBuilder sb = new StringBuilder("{");
        int s = c.segmentLength(true);
        for (int seg = c.n() - 1; seg >= 0; seg--) {
            sb.append(slice("pouts", ((seg + 1) * s - 1) * pw, pw)).append(seg > 0 ? ", " : "}");
        }
        return sb.toString();
    }

    private static void delayOrAssign(ModuleBuilder b, String inst, int width, int depth, String d, String q) {
        if (depth == 0) {
            b.assign(q, d);
        } else {
            b.instance("sc_delay", inst, params("WIDTH", width, "DEPTH", depth),
                    conns("clk", "clk", "rst", "rst", "d", d, "q", q));
        }
    }
}
