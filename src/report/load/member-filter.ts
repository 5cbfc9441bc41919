/**
 * SQL fragment naming the group's member states, for `where ref_area in (…)`; binds `$group`.
 */
export const MEMBERS = 'select iso3 from ref_state_group where group_code = $group';
