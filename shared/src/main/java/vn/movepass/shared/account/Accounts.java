package vn.movepass.shared.account;

import java.time.Clock;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import vn.movepass.shared.auth.AccountCheck;
import vn.movepass.shared.auth.Principal;
import vn.movepass.shared.config.EnvKey;
import vn.movepass.shared.config.Platform;
import vn.movepass.shared.domain.Times;
import vn.movepass.shared.error.UnauthenticatedException;
import vn.movepass.shared.store.Tables;

/**
 * Officials' accounts that an ADMIN has disabled. Tokens are checked by the API Gateway JWT
 * authorizer (signature, issuer, audience, expiry), which cannot know that an account was disabled
 * a minute ago; so every request of an official also reads this table (strongly consistent), and a
 * disabled account's tokens stop working at once. Only disabled accounts have an item.
 */
public final class Accounts implements AccountCheck {
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public Accounts(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    public static Accounts create(Platform p) {
        return new Accounts(p.dynamo(), Tables.name(p, EnvKey.ACCOUNTS_TABLE), p.clock());
    }

    public String tableName() {
        return table;
    }

    public static Map<String, AttributeValue> key(String subject) {
        return Map.of("sub", AttributeValue.fromS(subject));
    }

    @Override
    public void requireActive(Principal principal) {
        var item = dynamo.getItem(r -> r.tableName(table).key(key(principal.subject())).consistentRead(true)).item();
        requireActive(item);
    }

    /** For callers that read the account item themselves (in a batch). */
    public static void requireActive(Map<String, AttributeValue> accountItem) {
        if (accountItem != null && accountItem.containsKey("disabled") && Boolean.TRUE.equals(accountItem.get("disabled").bool())) {
            throw new UnauthenticatedException("this account is disabled");
        }
    }

    /** For callers that read the account item themselves (in a batch). */
    public static void requireActive(vn.movepass.shared.store.AccountItem accountItem) {
        if (accountItem != null && Boolean.TRUE.equals(accountItem.disabled())) {
            throw new UnauthenticatedException("this account is disabled");
        }
    }

    /** The state of an account as an ADMIN sees it. */
    public record AccountState(String sub, boolean disabled, String disabledAt, String disabledBy, String reason) {
    }

    public AccountState disable(String subject, Principal admin, String reason) {
        String now = Times.iso(clock.instant());
        dynamo.putItem(r -> r.tableName(table).item(Map.of("sub", AttributeValue.fromS(subject),
                "disabled", AttributeValue.fromBool(true), "disabledAt", AttributeValue.fromS(now),
                "disabledBy", AttributeValue.fromS(admin.subject()), "reason", AttributeValue.fromS(reason))));
        return new AccountState(subject, true, now, admin.subject(), reason);
    }

    public AccountState enable(String subject) {
        dynamo.deleteItem(r -> r.tableName(table).key(key(subject)));
        return new AccountState(subject, false, null, null, null);
    }
}
