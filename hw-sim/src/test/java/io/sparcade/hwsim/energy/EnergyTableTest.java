package io.sparcade.hwsim.energy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The default energy table prices every action and names a source for each number. */
class EnergyTableTest {
    @Test
    void defaultsPriceEveryActionWithASource() {
        EnergyTable t = EnergyTable.defaults();
        for (Action a : Action.values()) {
            assertThat(t.pj(a)).as(a.id()).isGreaterThan(0);
            assertThat(t.source(a)).as(a.id()).containsAnyOf("Horowitz", "estimate");
        }
        assertThat(t.pj(Action.MAC_8B)).isEqualTo(0.3, within(1e-12));      // 0.2 mult + 0.1 add
        assertThat(t.pj(Action.DRAM_BYTE)).isEqualTo(1950.0 / 8, within(1e-9)); // 1.95 nJ / 64 bits
    }

    @Test
    void pricesCountedActions() {
        EnergyTable t = EnergyTable.defaults();
        ActionCounts c = ActionCounts.builder().add(Action.MAC_8B, 1000).add(Action.DRAM_BYTE, 8).build();
        assertThat(t.price(c)).isCloseTo(1000 * 0.3 + 8 * 243.75, within(1e-9));
    }

    @Test
    void aTableWithoutSourcesOrActionsIsRejected() {
        String header = "action,unit,energy_pj,source\n";
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "mac_8b,MAC,0.3,\n"))
                .hasMessageContaining("t.csv:2").hasMessageContaining("source");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "mac_8b,MAC,0.3,Horowitz\n"))
                .hasMessageContaining("no energy for 'mac_16b'");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "warp_drive,MAC,0.3,x\n"))
                .hasMessageContaining("unknown 'warp_drive'");
        assertThatThrownBy(() -> EnergyTable.parse("t.csv", header + "mac_8b,MAC,cheap,x\n"))
                .hasMessageContaining("energy_pj");
    }
}
