package vn.movepass.shared.notice;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import vn.movepass.shared.health.Health;
import vn.movepass.shared.health.HealthState;

/**
 * The text of a notice: Vietnamese, one SMS segment or two, naming no one (not the case, not where, not when: a
 * contact who was told where could guess who), saying what to do and until when, from the contact's health now.
 * 1900 9095 is the Ministry of Health's hotline.
 */
public final class NoticeText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    static final String HOTLINE = "1900 9095";

    private NoticeText() {
    }

    public static String of(Health health) {
        HealthState state = health.state();
        LocalDate until = health.until();
        String end = until == null ? "" : " đến hết ngày " + DAY.format(until);
        return switch (state) {
            case QUARANTINED -> "MovePass: Bạn đã tiếp xúc gần với người mắc COVID-19 (F1). Hãy cách ly tại nơi ở" + end
                    + ", không tiếp xúc người khác, báo trạm y tế phường/xã để được xét nghiệm. Sốt, ho, khó thở: gọi "
                    + HOTLINE + ".";
            case MONITORING -> "MovePass: Bạn có thể đã tiếp xúc với người có nguy cơ mắc COVID-19 (" + health.level()
                    + "). Hãy tự theo dõi sức khỏe" + end + ", đeo khẩu trang, hạn chế ra ngoài. Sốt, ho, khó thở: gọi "
                    + HOTLINE + ".";
            case ISOLATING -> "MovePass: Bạn được ghi nhận đã tiếp xúc với người mắc COVID-19. Hãy tiếp tục cách ly"
                    + " theo hướng dẫn của y tế. Cần hỗ trợ: gọi " + HOTLINE + ".";
            case RECOVERED -> "MovePass: Bạn đã tiếp xúc với người mắc COVID-19. Vì bạn đã khỏi bệnh gần đây, bạn không"
                    + " phải cách ly; hãy theo dõi sức khỏe. Sốt, ho, khó thở: gọi " + HOTLINE + ".";
            case NONE -> "MovePass: Bạn đã tiếp xúc với người có nguy cơ mắc COVID-19. Hãy theo dõi sức khỏe, đeo khẩu"
                    + " trang. Sốt, ho, khó thở: gọi " + HOTLINE + ".";
        };
    }

    /** A Vietnamese number in E.164 ({@code 0901234567} → {@code +84901234567}), as SNS wants it. */
    public static String e164(String phone) {
        if (phone.startsWith("+84")) {
            return phone;
        }
        return "+84" + phone.substring(1);
    }
}
