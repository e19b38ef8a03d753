export {
  compileDesign,
  designPluginVersion,
  POSITION_ROLE,
  privatePluginId,
} from './compile.ts';
export {
  BankSelection,
  OwnQuestion,
  PositionDesign,
  type PositionDesignInput,
  QuestionRef,
} from './design.ts';
export { type DraftPositionInput, draftPosition, installedBanks } from './draft/draft-position.ts';
export type { Draft, DraftPick } from './draft/types.ts';
export {
  createPosition,
  getDesign,
  getPosition,
  listPositions,
  POSITION_STATUSES,
  type Position,
  type PositionFields,
  type PositionQuery,
  type PositionStatus,
  positionForInterview,
  positionRef,
  setPositionStatus,
  updatePosition,
} from './positions.ts';
