package io.sparcade.rtl;

/**
 * The stream interface every generated top shares, which the testbench relies on. Ports: {@code clk},
 * {@code rst} (synchronous, active high), {@code in_valid}/{@code in_data} (one input word per cycle, shifted
 * into the block's load buffer; the words of a query are written in order), {@code start} (one-cycle pulse),
 * {@code done} (high after the last compute cycle), {@code out_addr}/{@code out_data} (combinational read of
 * output word {@code out_addr}). The cycle count of a query is the number of rising edges after the one that
 * samples {@code start} up to and including the one after which {@code done} is first high.
 *
 * @param inWidth     bits of {@code in_data}
 * @param outWidth    bits of {@code out_data}
 * @param outSigned   whether {@code out_data} is two's complement (the testbench sign-extends it)
 * @param outAddrWidth bits of {@code out_addr}
 * @param inWords     input words per query
 * @param outWords    output words per query
 */
public record StreamInterface(int inWidth, int outWidth, boolean outSigned, int outAddrWidth, int inWords,
                              int outWords) {
    public StreamInterface {
        if (inWidth < 1 || inWidth > 32 || outWidth < 1 || outWidth > 64 || outAddrWidth < 1 || outAddrWidth > 16) {
            throw new IllegalArgumentException("stream interface widths out of range: in " + inWidth + ", out "
                    + outWidth + ", addr " + outAddrWidth);
        }
    }
}
