import { graphql } from '../../gql';

/** The monitoring report (Primorsky appendix 4) of one municipality for one period: the page asks it month by month. */
export const MONITORING_REPORT = graphql(`
  query PortalMonitoringReport($municipality: String!, $from: LocalDate!, $to: LocalDate!) {
    monitoringReport(municipality: $municipality, from: $from, to: $to) {
      from
      to
      rows {
        code
        caption
        messages
        value
        note
      }
      sources {
        sourceKind
        caption
        messages
        minors
      }
      csv
      xlsxBase64
    }
  }
`);
