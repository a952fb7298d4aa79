package vn.movepass.shared.store;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import vn.movepass.shared.error.DependencyUnavailableException;

/**
 * TransactWriteItems with the retries the SDK does not make: a transaction cancelled only because another one
 * touched the same counter shard at the same moment (TransactionConflict) is tried again a few times; if it keeps
 * conflicting the caller answers 503. A cancellation for a failed condition is the caller's to interpret.
 */
public final class Transactions {
    private static final int ATTEMPTS = 5;

    private Transactions() {
    }

    public static void write(DynamoDbClient dynamo, List<TransactWriteItem> items) {
        for (int attempt = 1; ; attempt++) {
            try {
                dynamo.transactWriteItems(b -> b.transactItems(items));
                return;
            } catch (TransactionCanceledException e) {
                if (!onlyConflicts(e)) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw DependencyUnavailableException.busy();
                }
                try {
                    Thread.sleep(5L * attempt * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw DependencyUnavailableException.busy();
                }
            }
        }
    }

    /** True when some item conflicted and none failed its condition. */
    static boolean onlyConflicts(TransactionCanceledException e) {
        if (!e.hasCancellationReasons()) {
            return false;
        }
        boolean conflict = false;
        for (CancellationReason r : e.cancellationReasons()) {
            String code = r.code();
            if ("ConditionalCheckFailed".equals(code)) {
                return false;
            }
            if ("TransactionConflict".equals(code)) {
                conflict = true;
            }
        }
        return conflict;
    }

    /** Whether some item failed its condition. */
    public static boolean anyConditionFailed(TransactionCanceledException e) {
        return !failedConditions(e).isEmpty();
    }

    /** The indexes of the items that failed their condition (empty when the cancellation was for another reason). */
    public static Set<Integer> failedConditions(TransactionCanceledException e) {
        Set<Integer> failed = new TreeSet<>();
        if (e.hasCancellationReasons()) {
            List<CancellationReason> reasons = e.cancellationReasons();
            for (int i = 0; i < reasons.size(); i++) {
                if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
                    failed.add(i);
                }
            }
        }
        return failed;
    }

    /** Whether the item at {@code index} (and no other) failed its condition. */
    public static boolean conditionFailedAt(TransactionCanceledException e, int index) {
        return failedConditions(e).equals(Set.of(index));
    }
}
