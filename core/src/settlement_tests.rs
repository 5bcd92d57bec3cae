use super::*;
use crate::field::FieldError;

fn draft(method: SettlementMethod) -> SettlementDraft {
    SettlementDraft { method, ..SettlementDraft::default() }
}

#[test]
fn direct_needs_no_ids_and_ignores_what_was_typed_for_the_others() {
    let typed = SettlementDraft {
        aws_account_id: "not an id".into(),
        huawei_instance_id: "has spaces in it".into(),
        ..draft(SettlementMethod::Direct)
    };
    assert_eq!(typed.validate(), Ok(NewSettlement::Direct));
}

#[test]
fn an_aws_account_id_is_parsed_by_the_same_newtype_as_activation() {
    let ok =
        SettlementDraft { aws_account_id: "123456789012".into(), ..draft(SettlementMethod::Aws) };
    let account = CloudAccount::Aws(AwsAccountId::parse("123456789012").unwrap());
    assert_eq!(ok.validate(), Ok(NewSettlement::Cloud { account, instance_id: None }));
    let short = SettlementDraft { aws_account_id: "12345".into(), ..draft(SettlementMethod::Aws) };
    assert_eq!(
        short.validate(),
        Err(FieldErrors::single(FieldId::AwsAccountId, AwsAccountId::parse("12345").unwrap_err()))
    );
}

#[test]
fn alibaba_needs_both_ids_and_reports_every_field_at_once() {
    let empty = draft(SettlementMethod::Aliyun).validate().unwrap_err();
    assert_eq!(empty.get(FieldId::AliyunAccountId), Some(FieldError::Required));
    assert_eq!(empty.get(FieldId::AliyunInstanceId), Some(FieldError::Required));
    assert_eq!(empty.len(), 2);
    let ok = SettlementDraft {
        aliyun_account_id: "1234567890123456".into(),
        aliyun_instance_id: "cmgj00012345".into(),
        ..draft(SettlementMethod::Aliyun)
    };
    let Ok(NewSettlement::Cloud { account, instance_id }) = ok.validate() else { panic!() };
    assert_eq!(account, CloudAccount::Aliyun(AliyunAccountId::parse("1234567890123456").unwrap()));
    assert_eq!(instance_id.map(|i| i.to_string()), Some("cmgj00012345".to_owned()));
}

#[test]
fn huawei_needs_a_32_hex_account_id_and_an_instance_id_without_spaces() {
    let bad = SettlementDraft {
        huawei_account_id: "0123456789abcdef0123456789abcdeg".into(),
        huawei_instance_id: "two words".into(),
        ..draft(SettlementMethod::Huawei)
    };
    let errors = bad.validate().unwrap_err();
    assert_eq!(errors.get(FieldId::HuaweiAccountId), Some(FieldError::HexOnly));
    assert_eq!(errors.get(FieldId::HuaweiInstanceId), Some(FieldError::ContainsWhitespace));
    let ok = SettlementDraft {
        huawei_account_id: "0123456789abcdef0123456789abcdef".into(),
        huawei_instance_id: "huaweiinstance01".into(),
        ..draft(SettlementMethod::Huawei)
    };
    assert!(matches!(
        ok.validate(),
        Ok(NewSettlement::Cloud { account: CloudAccount::Huawei(_), instance_id: Some(_) })
    ));
}

#[test]
fn each_method_shows_only_its_own_fields() {
    let shown = SettlementMethod::ALL.map(|m| draft(m).fields().len());
    assert_eq!(shown, [0, 1, 2, 2]);
}

#[test]
fn a_cloud_account_settles_only_for_the_billing_center_account_it_is_bound_to() {
    let aws = NewSettlement::Cloud {
        account: CloudAccount::Aws(AwsAccountId::parse("123456789012").unwrap()),
        instance_id: None,
    };
    assert_eq!(aws.allowed(CloudBinding::ThisAccount), Ok(()));
    assert_eq!(aws.allowed(CloudBinding::Unbound), Err(ApiError::CloudAccountNotBound));
    assert_eq!(aws.allowed(CloudBinding::AnotherAccount), Err(ApiError::CloudAccountAlreadyBound));
    for binding in [CloudBinding::Unbound, CloudBinding::ThisAccount, CloudBinding::AnotherAccount]
    {
        assert_eq!(NewSettlement::Direct.allowed(binding), Ok(()), "{binding:?}");
    }
}

#[test]
fn the_wire_form_names_the_method_and_an_unknown_one_is_refused() {
    let json = serde_json::to_value(draft(SettlementMethod::Aliyun)).unwrap();
    assert_eq!(json["method"], "aliyun");
    let read: SettlementDraft = serde_json::from_str(r#"{"method":"huawei"}"#).unwrap();
    assert_eq!(read.method, SettlementMethod::Huawei);
    assert!(serde_json::from_str::<SettlementDraft>(r#"{"method":"paypal"}"#).is_err());
}

#[test]
fn a_request_without_a_method_is_refused_rather_than_read_as_direct() {
    let typed = r#"{"aws_account_id":"123456789012"}"#;
    assert!(serde_json::from_str::<SettlementDraft>(typed).is_err());
}
