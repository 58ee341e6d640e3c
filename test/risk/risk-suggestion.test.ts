import { loadIndicatorCatalogue } from '../../schema/catalogue/indicator.catalogue';
import { suggestRisk } from '../../schema/risk/risk-suggestion';

describe('risk level suggested from the indicators of the signals', () => {
  const catalogue = loadIndicatorCatalogue();
  const first = (prefix: string) => catalogue.all.find((i) => i.code.startsWith(prefix))!.code;

  it('when only low-level indicators are reported, then the family is at potential risk, danger low, and no resolution is needed', () => {
    const codes = [first('EDUCATION-L1'), first('HEALTH-L1')];
    expect(suggestRisk(catalogue, codes)).toEqual({ riskLevel: 'POTENTIAL_RISK', dangerLevel: 'LOW', drivers: [...codes].sort(), needsResolution: false });
  });

  it('when one medium indicator joins them, then the medium level drives the suggestion and shows which indicator did', () => {
    const medium = first('HOUSING-L2');
    expect(suggestRisk(catalogue, [first('EDUCATION-L1'), medium])).toMatchObject({ riskLevel: 'DIFFICULT_SITUATION', dangerLevel: 'MEDIUM', drivers: [medium], needsResolution: true });
  });

  it('when a factor threatening life and health is present, then the danger is critical and that factor is the driver', () => {
    const threat = first('LIFE_THREAT-L3');
    expect(suggestRisk(catalogue, [first('ABUSE-L3'), threat])).toMatchObject({ riskLevel: 'SOCIALLY_DANGEROUS', dangerLevel: 'CRITICAL', drivers: [threat] });
  });

  it('when no known indicator is given, then there is nothing to suggest', () => {
    expect(suggestRisk(catalogue, ['NO-SUCH-CODE'])).toBeNull();
  });
});
