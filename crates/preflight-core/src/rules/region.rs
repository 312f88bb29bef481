//! Azure Backup region codes, as used in `pod01-<role>.<geo>.backup.windowsazure.com`
//! (field guide §E.4, from the official geo-code list and public region maps).

/// Region name for a Backup geo code (case-insensitive); `None` for an unknown code.
pub fn region_name(code: &str) -> Option<&'static str> {
    let c = code.to_ascii_lowercase();
    let name = match c.as_str() {
        "acl" => "Australia Central",
        "acl2" => "Australia Central 2",
        "ae" => "Australia East",
        "ase" => "Australia Southeast",
        "brs" => "Brazil South",
        "bse" => "Brazil Southeast",
        "ccy" => "Central US EUAP",
        "cnc" => "Canada Central",
        "cne" => "Canada East",
        "cus" => "Central US",
        "clc" => "Chile Central",
        "ea" => "East Asia",
        "ecy" => "East US 2 EUAP",
        "eus" => "East US",
        "eus2" => "East US 2",
        "frc" => "France Central",
        "frs" => "France South",
        "gec" => "Germany Central (former)",
        "gn" => "Germany North",
        "gne" => "Germany Northeast (former)",
        "gwc" => "Germany West Central",
        "ilc" => "Israel Central",
        "inc" => "Central India",
        "ins" => "South India",
        "inw" => "West India",
        "itn" => "Italy North",
        "jpe" => "Japan East",
        "jpw" => "Japan West",
        "jic" => "Jio India Central",
        "jiw" => "Jio India West",
        "krc" => "Korea Central",
        "krs" => "Korea South",
        "mys" => "Malaysia South",
        "myw" => "Malaysia West",
        "mxc" => "Mexico Central",
        "nzn" => "New Zealand North",
        "ncus" => "North Central US",
        "ne" => "North Europe",
        "nwe" => "Norway East",
        "nww" => "Norway West",
        "plc" => "Poland Central",
        "qac" => "Qatar Central",
        "san" => "South Africa North",
        "saw" => "South Africa West",
        "scus" => "South Central US",
        "sea" => "Southeast Asia",
        "spc" => "Spain Central",
        "sdc" => "Sweden Central",
        "sds" => "Sweden South",
        "szn" => "Switzerland North",
        "szw" => "Switzerland West",
        "twn" => "Taiwan North",
        "uac" => "UAE Central",
        "uan" => "UAE North",
        "uks" => "UK South",
        "ukw" => "UK West",
        "ukn" => "UK North",
        "uks2" => "UK South 2",
        "wcus" => "West Central US",
        "we" => "West Europe",
        "wus" => "West US",
        "wus2" => "West US 2",
        "wus3" => "West US 3",
        "udc" => "US DoD Central",
        "ude" => "US DoD East",
        "uga" => "US Gov Arizona",
        "ugi" => "US Gov Iowa",
        "ugt" => "US Gov Texas",
        "ugv" => "US Gov Virginia",
        "exe" => "US Nat East",
        "exw" => "US Nat West",
        "rxe" => "US Sec East",
        "rxw" => "US Sec West",
        "bjb" => "China North",
        "bjb2" => "China North 2",
        "bjb3" => "China North 3",
        "sha" => "China East",
        "sha2" => "China East 2",
        "sha3" => "China East 3",
        _ => return None,
    };
    Some(name)
}

/// The region's Japanese name, for the regions the script's FQDNs and Japanese users meet most.
pub fn region_name_ja(code: &str) -> Option<&'static str> {
    let c = code.to_ascii_lowercase();
    let name = match c.as_str() {
        "jpe" => "東日本",
        "jpw" => "西日本",
        "ea" => "東アジア",
        "sea" => "東南アジア",
        "krc" => "韓国中部",
        "krs" => "韓国南部",
        "ae" => "オーストラリア東部",
        "ase" => "オーストラリア南東部",
        "inc" => "インド中部",
        "eus" => "米国東部",
        "eus2" => "米国東部 2",
        "wus" => "米国西部",
        "wus2" => "米国西部 2",
        "wus3" => "米国西部 3",
        "cus" => "米国中部",
        "ne" => "北ヨーロッパ",
        "we" => "西ヨーロッパ",
        "uks" => "英国南部",
        "ukw" => "英国西部",
        _ => return None,
    };
    Some(name)
}

/// The geo code of a Backup FQDN: `pod01-rec2.jpe.backup.windowsazure.com` -> `jpe`. Handles the
/// private-endpoint form `<vault>-ab-pod01-fc1.privatelink.eus.backup.windowsazure.com`.
pub fn geo_code(fqdn: &str) -> Option<String> {
    // Called once per check: reject the common non-Backup name without allocating.
    if crate::parse::find_bytes(fqdn.as_bytes(), b".backup.windowsazure.").is_none()
        && !fqdn.bytes().any(|b| b.is_ascii_uppercase())
    {
        return None;
    }
    let lower = fqdn.to_ascii_lowercase();
    let idx = lower.find(".backup.windowsazure.")?;
    let head = lower.get(..idx)?;
    let code = head.rsplit('.').next()?;
    if code.is_empty() || code.contains('-') || code.len() > 6 {
        return None;
    }
    Some(code.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japan_codes_decode() {
        assert_eq!(
            geo_code("pod01-rec2.jpe.backup.windowsazure.com").as_deref(),
            Some("jpe")
        );
        assert_eq!(region_name("JPW"), Some("Japan West"));
        assert_eq!(
            geo_code("x-ab-pod01-fc1.privatelink.eus.backup.windowsazure.com").as_deref(),
            Some("eus")
        );
        assert_eq!(geo_code("login.microsoft.com"), None);
        assert_eq!(region_name("zzz"), None);
    }
}
