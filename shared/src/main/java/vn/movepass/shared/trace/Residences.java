package vn.movepass.shared.trace;

import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import vn.movepass.shared.geo.AdministrativeUnits;
import vn.movepass.shared.store.ResidentItem;

/** Where a citizen lives, by the registry: the ward that counts a case and the province that scopes officials. */
final class Residences {
    private final DynamoDbTable<ResidentItem> residents;

    Residences(DynamoDbTable<ResidentItem> residents) {
        this.residents = residents;
    }

    /** The citizen's ward of current residence in the registry, or null when unknown. */
    String ward(String citizenId) {
        ResidentItem r = residents.getItem(Key.builder().partitionValue(citizenId).build());
        return r == null || r.currentWardCode() == null || !AdministrativeUnits.get().isWard(r.currentWardCode())
                ? null : r.currentWardCode();
    }

    /** The province of a ward, or null when the ward is unknown. */
    static String province(String ward) {
        return ward == null ? null : AdministrativeUnits.get().ward(ward).map(w -> w.provinceCode()).orElse(null);
    }
}
