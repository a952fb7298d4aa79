package vn.movepass.shared.declaration;

import java.util.ArrayList;
import java.util.List;
import vn.movepass.shared.domain.Flag;
import vn.movepass.shared.domain.RejectionReason;
import vn.movepass.shared.domain.TestResult;
import vn.movepass.shared.identity.CitizenId;
import vn.movepass.shared.identity.Names;
import vn.movepass.shared.store.ResidentItem;

/** Compares a declaration with the population registry; pure, so every rule is unit-testable. */
public final class RegistryCheck {
    private RegistryCheck() {
    }

    /** The reasons to reject, in a fixed order; empty when the registry agrees. */
    public static List<RejectionReason> reasons(DeclarationRequest d, ResidentItem resident) {
        List<RejectionReason> reasons = new ArrayList<>();
        if (resident == null) {
            reasons.add(RejectionReason.NOT_IN_REGISTRY);
        } else {
            if (!Names.sameName(d.fullName(), resident.fullName())) {
                reasons.add(RejectionReason.NAME_MISMATCH);
            }
            if (!d.dateOfBirth().toString().equals(resident.dateOfBirth())) {
                reasons.add(RejectionReason.DOB_MISMATCH);
            }
            if (!d.gender().name().equals(resident.gender())) {
                reasons.add(RejectionReason.GENDER_MISMATCH);
            }
        }
        if (!CitizenId.consistentWith(d.citizenId(), d.dateOfBirth(), d.gender())) {
            reasons.add(RejectionReason.ID_INCONSISTENT);
        }
        if (resident != null && resident.dateOfDeath() != null && !resident.dateOfDeath().isBlank()) {
            reasons.add(RejectionReason.DECEASED);
        }
        return List.copyOf(reasons);
    }

    /** Health signals an officer should see at the checkpoint. */
    public static List<Flag> flags(DeclarationRequest d) {
        List<Flag> flags = new ArrayList<>();
        if (!d.health().symptoms().isEmpty()) {
            flags.add(Flag.SYMPTOMS);
        }
        var h = d.health();
        if (h.contactWithCase() || h.contactWithTraveller() || h.contactWithSymptomatic()) {
            flags.add(Flag.CONTACT);
        }
        if (d.test() != null && d.test().result() == TestResult.POSITIVE) {
            flags.add(Flag.POSITIVE_TEST);
        }
        return List.copyOf(flags);
    }

}
