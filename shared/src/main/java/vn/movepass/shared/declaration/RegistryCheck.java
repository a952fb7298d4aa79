package vn.movepass.shared.declaration;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import vn.movepass.shared.domain.Flag;
import vn.movepass.shared.domain.Gender;
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
        return reasons(d.citizenId(), d.fullName(), d.dateOfBirth(), d.gender(), resident);
    }

    /**
     * The same check of an identity given elsewhere (a vaccine dose, a booking): {@code gender} may be null when the
     * form does not ask for it; the id's gender-and-century digit is then checked against the registry's gender.
     */
    public static List<RejectionReason> reasons(String citizenId, String fullName, LocalDate dateOfBirth, Gender gender,
                                                ResidentItem resident) {
        List<RejectionReason> reasons = new ArrayList<>();
        if (resident == null) {
            reasons.add(RejectionReason.NOT_IN_REGISTRY);
        } else {
            if (!Names.sameName(fullName, resident.fullName())) {
                reasons.add(RejectionReason.NAME_MISMATCH);
            }
            if (!dateOfBirth.toString().equals(resident.dateOfBirth())) {
                reasons.add(RejectionReason.DOB_MISMATCH);
            }
            if (gender != null && !gender.name().equals(resident.gender())) {
                reasons.add(RejectionReason.GENDER_MISMATCH);
            }
        }
        Gender idGender = gender != null ? gender : resident == null ? null : registryGender(resident.gender());
        if (idGender != null && !CitizenId.consistentWith(citizenId, dateOfBirth, idGender)) {
            reasons.add(RejectionReason.ID_INCONSISTENT);
        }
        if (resident != null && resident.dateOfDeath() != null && !resident.dateOfDeath().isBlank()) {
            reasons.add(RejectionReason.DECEASED);
        }
        return List.copyOf(reasons);
    }

    private static Gender registryGender(String stored) {
        for (Gender g : Gender.values()) {
            if (g.name().equals(stored)) {
                return g;
            }
        }
        return null;
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
