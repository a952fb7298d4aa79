package vn.movepass.shared.campaign;

/**
 * The priority groups of Resolution 21/NQ-CP (26 Feb 2021) on COVID-19 vaccine purchase and use, in its order, as a
 * booking states them (the site checks the papers); {@code OTHER} for everyone else.
 */
public enum PriorityGroup {
    FRONTLINE_HEALTH_WORKER,
    FRONTLINE_EPIDEMIC_WORKER,
    DIPLOMAT_OR_CUSTOMS,
    ESSENTIAL_SERVICE_WORKER,
    TEACHER_OR_STUDENT,
    CHRONIC_DISEASE_OR_OVER_65,
    EPIDEMIC_AREA_RESIDENT,
    POOR_OR_SOCIAL_POLICY,
    SENT_ABROAD,
    OTHER
}
