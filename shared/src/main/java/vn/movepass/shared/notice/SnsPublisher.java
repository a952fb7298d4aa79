package vn.movepass.shared.notice;

import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;

/** SMS through Amazon SNS: a transactional message straight to a phone number (no topic). */
final class SnsPublisher implements SmsChannel.Publisher {
    private final SnsClient sns;

    SnsPublisher(Object sns) {
        this.sns = (SnsClient) sns;
    }

    @Override
    public void publish(String e164, String text) {
        sns.publish(r -> r.phoneNumber(e164).message(text).messageAttributes(Map.of(
                "AWS.SNS.SMS.SMSType", MessageAttributeValue.builder().dataType("String").stringValue("Transactional").build(),
                "AWS.SNS.SMS.SenderID", MessageAttributeValue.builder().dataType("String").stringValue("MovePass").build())));
    }
}
