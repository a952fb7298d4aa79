package vn.movepass.shared.campaign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.campaign.SupplyPlanService.Line;

/** The supply plan's arithmetic on a site's counters: what is promised on earlier days is not in stock for later ones. */
class SupplyPlanTest {
    static final LocalDate TODAY = LocalDate.parse("2021-08-20");

    static Map<String, AttributeValue> stock(long pfizerIn, long pfizerOut, long azIn) {
        return Map.of("delivered_PFIZER", n(pfizerIn), "given_PFIZER", n(pfizerOut), "delivered_AZ", n(azIn));
    }

    static AttributeValue n(long v) {
        return AttributeValue.fromN(Long.toString(v));
    }

    static Line line(List<Line> lines, LocalDate day, String product) {
        return lines.stream().filter(l -> l.date().equals(day.toString()) && l.product().equals(product)).findFirst().orElse(null);
    }

    @Test
    void dosesBookedOnEarlierDaysAreSetAsideAndFirstDosesTakeWhatIsLeft() {
        Map<LocalDate, Map<String, Long>> booked = new TreeMap<>();
        booked.put(TODAY, Map.of("PFIZER", 4L, "ANY", 2L));
        booked.put(TODAY.plusDays(1), Map.of("PFIZER", 5L, "ANY", 3L));
        // 10 Pfizer delivered, 1 given; 2 AstraZeneca
        List<Line> lines = SupplyPlanService.siteLines("S", stock(10, 1, 2), booked, TODAY, TODAY, TODAY.plusDays(1));
        assertEquals(new Line("S", TODAY.toString(), "PFIZER", 4, 9, 0), line(lines, TODAY, "PFIZER"));
        // first doses today: Pfizer 9 - 4 = 5 spare, AstraZeneca 2
        assertEquals(new Line("S", TODAY.toString(), "ANY", 2, 7, 0), line(lines, TODAY, "ANY"));
        // tomorrow: Pfizer 9 - 4 = 5 for 5 second doses; first doses: 0 Pfizer spare + 2 AstraZeneca - today's 2 first doses
        assertEquals(new Line("S", TODAY.plusDays(1).toString(), "PFIZER", 5, 5, 0), line(lines, TODAY.plusDays(1), "PFIZER"));
        assertEquals(new Line("S", TODAY.plusDays(1).toString(), "ANY", 3, 0, 3), line(lines, TODAY.plusDays(1), "ANY"));
        assertEquals(new Line("S", TODAY.plusDays(1).toString(), "AZ", 0, 2, 0), line(lines, TODAY.plusDays(1), "AZ"));
    }

    @Test
    void aProductBookedButNeverDeliveredIsAllShortfallAndDaysBeforeFromAreOnlyReserved() {
        Map<LocalDate, Map<String, Long>> booked = new TreeMap<>();
        booked.put(TODAY, Map.of("MODERNA", 2L));
        booked.put(TODAY.plusDays(2), Map.of("MODERNA", 1L, "PFIZER", 12L));
        List<Line> lines = SupplyPlanService.siteLines("S", stock(10, 0, 0), booked, TODAY, TODAY.plusDays(2), TODAY.plusDays(2));
        assertEquals(null, line(lines, TODAY, "MODERNA"), "before from: not listed");
        assertEquals(new Line("S", TODAY.plusDays(2).toString(), "MODERNA", 1, 0, 1), line(lines, TODAY.plusDays(2), "MODERNA"));
        assertEquals(new Line("S", TODAY.plusDays(2).toString(), "PFIZER", 12, 10, 2), line(lines, TODAY.plusDays(2), "PFIZER"));
    }
}
