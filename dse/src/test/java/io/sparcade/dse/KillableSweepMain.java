package io.sparcade.dse;

import io.sparcade.dse.exec.LocalSweepExecutor;
import io.sparcade.dse.sweep.SweepParser;
import java.nio.file.Files;
import java.nio.file.Path;

/** Child-process entry for the kill test: runs a sweep file into a directory on one thread. */
public final class KillableSweepMain {
    private KillableSweepMain() {
    }

    public static void main(String[] args) throws Exception {
        Path sweep = Path.of(args[0]);
        new SweepRun(Path.of(args[1]), false, ProgressListener.NONE)
                .run(SweepParser.parse(sweep.toString(), Files.readString(sweep)), new LocalSweepExecutor(1));
    }
}
