/* pages.js — the page registry: each hash route, the module that draws it,
 * and the navigation link it lights. The router takes the first page whose
 * path matches; the named groups of the pattern become ctx.params. Only a
 * public page is shown to a visitor who has not signed in.  #/ is the
 * start: an official's own unit, or the overview (see pageHome below). */
import {route} from './router.js';
import {me, ownWorkFirst} from './session.js';

/* A page whose module is fetched when the page is first opened (import()
 * goes through the page's import map to the hashed file): the first visit
 * loads only the modules of the page it shows. */
function lazy(load, name)
{
	return async (ctx) => (await load())[name](ctx);
}

const pageDashboard = lazy(() => import('./dashboard.js'), 'pageDashboard');
const pageDiscipline = lazy(() => import('./discipline.js'), 'pageDiscipline');
const pageDisciplineCase = lazy(() => import('./discipline.js'), 'pageDisciplineCase');
const pageInspection = lazy(() => import('./inspections.js'), 'pageInspection');
const pageInspections = lazy(() => import('./inspections.js'), 'pageInspections');
const pageUnitFindings = lazy(() => import('./inspections.js'), 'pageUnitFindings');
const pageVerify = lazy(() => import('./inspections.js'), 'pageVerify');
const pageLogin = lazy(() => import('./login.js'), 'pageLogin');
const pagePar = lazy(() => import('./par.js'), 'pagePar');
const pageParCompare = lazy(() => import('./parcompare.js'), 'pageParCompare');
const pageParForm = lazy(() => import('./parform.js'), 'pageParForm');
const pageParResults = lazy(() => import('./parrank.js'), 'pageParResults');
const pagePlan = lazy(() => import('./plans.js'), 'pagePlan');
const pagePlans = lazy(() => import('./plans.js'), 'pagePlans');
const pageDocuments = lazy(() => import('./review.js'), 'pageDocuments');
const pageDraft = lazy(() => import('./review.js'), 'pageDraft');
const pageTask = lazy(() => import('./task.js'), 'pageTask');
const pageTasks = lazy(() => import('./tasksearch.js'), 'pageTasks');
const pageUnit = lazy(() => import('./unit.js'), 'pageUnit');
const pageUnitReport = lazy(() => import('./unitreport.js'), 'pageUnitReport');
const pageUnitReports = lazy(() => import('./unitreport.js'), 'pageUnitReports');

/* #/ : an official who only works for their unit (its officer or head)
 * starts on the unit's page; everyone else on the overview. */
async function pageHome(ctx)
{
	if (ownWorkFirst()) {
		/* Not location.replace: its hashchange would ask again for what
		 * the page has just asked (the bell's count). */
		history.replaceState(null, '', '#/unit/' + me.home_unit);
		return route();
	}
	await pageDashboard(ctx);
}

export const PAGES = [
	{name: 'login', path: /^\/login$/, render: pageLogin, public: true},
	{name: 'home', path: /^\/$/, nav: 'dashboard', render: pageHome},
	{name: 'dashboard', path: /^\/overview$/, nav: 'dashboard', render: pageDashboard},
	{name: 'unit', path: /^\/unit\/(?<id>\d+)$/, nav: 'dashboard', render: pageUnit},
	{name: 'task', path: /^\/task\/(?<id>\d+)$/, nav: 'tasks', render: pageTask},
	{name: 'tasks', path: /^\/tasks$/, nav: 'tasks', render: pageTasks},
	{name: 'plans', path: /^\/plans$/, nav: 'plans', render: pagePlans},
	{name: 'plan', path: /^\/plan\/(?<id>\d+)$/, nav: 'plans', render: pagePlan},
	{name: 'documents', path: /^\/documents$/, nav: 'documents', render: pageDocuments},
	{name: 'draft', path: /^\/draft\/(?<id>\d+)$/, nav: 'documents', render: pageDraft},
	{name: 'unit-reports', path: /^\/unit-reports$/, nav: 'unitreports', render: pageUnitReports},
	{name: 'unit-report', path: /^\/unit-report\/(?<unit>[^/]+)\/(?<period>[^/]+)$/, nav: 'unitreports',
		render: pageUnitReport},
	{name: 'inspections', path: /^\/inspections$/, nav: 'inspections', render: pageInspections},
	{name: 'inspection', path: /^\/inspection\/(?<id>\d+)$/, nav: 'inspections', render: pageInspection},
	{name: 'verify', path: /^\/verify$/, nav: 'inspections', render: pageVerify},
	{name: 'unit-findings', path: /^\/unit\/(?<id>\d+)\/findings$/, nav: 'inspections', render: pageUnitFindings},
	{name: 'discipline', path: /^\/discipline$/, nav: 'discipline', render: pageDiscipline},
	{name: 'discipline-case', path: /^\/discipline\/(?<id>\d+)$/, nav: 'discipline', render: pageDisciplineCase},
	{name: 'par', path: /^\/par$/, nav: 'par', render: pagePar},
	{name: 'par-results', path: /^\/par\/results$/, nav: 'par', render: pageParResults},
	{name: 'par-form', path: /^\/par\/(?<id>\d+)$/, nav: 'par', render: pageParForm},
	{name: 'par-compare', path: /^\/par\/(?<id>\d+)\/compare$/, nav: 'par', render: pageParCompare},
];
