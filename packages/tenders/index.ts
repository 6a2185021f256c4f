/** Projects (进场登记), tenders (标段), documents (招标文件), registrations (投标报名), amendments (澄清/修改) and notices (公告). */
export { publishAmendment } from './amendments';
export { getHolidayCalendar, setHolidayCalendar } from './calendar';
export {
  DOWNLOAD_URL_SECONDS,
  confirmDocumentUpload,
  downloadDocument,
  requestDocumentUpload,
} from './documents';
export { DocumentVersion, Notice, Project, Registration, Tender, TenderStatus, Termination } from './model';
export { listNotices, myNotices, newNotice, objectionAnswerNotice } from './notices';
export { AnswerObjection, ObjectionPath, RaiseObjection, withAnswer } from './objections';
export type {
  Download,
  LifecycleStarter,
  NoticeDelivery,
  NoticeQuery,
  OpeningVenue,
  TenderDeps,
  TenderReads,
  TenderRecord,
  TenderStore,
} from './ports';
export { acceptProject, getProject, registerProject } from './projects';
export { listRegistrations, registerForTender } from './registration';
export { tenderRoutes } from './routes';
export { createTender, publishTender, requireActiveTender, requireTender, viewTender } from './tenders';
