/** The columns that name one series of the warehouse, its year included: the grain of `observation_current`. */
export const SERIES_KEY = ['ref_area', 'time_period', 'indicator', 'sex', 'age', 'counterpart_area', 'breakdown'] as const;

/** {@link SERIES_KEY} as an SQL column list: `ref_area, time_period, …, breakdown`. */
export const SERIES_KEY_SQL = SERIES_KEY.join(', ');
